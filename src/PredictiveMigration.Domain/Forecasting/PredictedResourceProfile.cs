namespace PredictiveMigration.Domain.Forecasting;

/// <summary>
/// Predicted resource demand of one server as a function of time, for sizing a target in phases along the curve.
/// </summary>
/// <param name="UpperLevel">The interval level of <see cref="ProfilePoint.Upper"/>, e.g. 0.9.</param>
public sealed record PredictedResourceProfile(string ServerId, DateTimeOffset From, TimeSpan Step, double UpperLevel, IReadOnlyList<ProfilePoint> Points)
{
    /// <summary>The largest upper-bound demand over the profile: what a target must hold to never run short within the horizon.</summary>
    public ResourceDemand Peak()
    {
        double cpu = 0, memory = 0, iops = 0, network = 0;
        foreach (var p in Points)
        {
            cpu = Math.Max(cpu, p.Upper.CpuCores);
            memory = Math.Max(memory, p.Upper.MemoryBytes);
            iops = Math.Max(iops, p.Upper.Iops);
            network = Math.Max(network, p.Upper.NetworkBytesPerSec);
        }

        return new ResourceDemand(cpu, memory, iops, network);
    }
}
