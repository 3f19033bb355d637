using PredictiveMigration.Domain.Forecasting;

namespace PredictiveMigration.Forecasting.Profiles;

/// <summary>
/// Converts per-resource forecasts into absolute demand over time: CPU % x cores, memory % x provisioned bytes, IOPS
/// and network as forecast. The upper curve is the 90 % interval's upper bound (what sizing provisions against).
/// Missing resources contribute zero; forecasts must share one grid.
/// </summary>
public static class ResourceProfileBuilder
{
    public static PredictedResourceProfile Build(string serverId, double cpuCores, double memoryBytes, ResourceForecast? cpuPercent, ResourceForecast? memoryPercent, ResourceForecast? iops, ResourceForecast? networkBytesPerSec)
    {
        var any = cpuPercent ?? memoryPercent ?? iops ?? networkBytesPerSec ?? throw new ArgumentException("at least one forecast is required", nameof(cpuPercent));
        var steps = new[] { cpuPercent, memoryPercent, iops, networkBytesPerSec }.Where(f => f is not null).Min(f => f!.Points.Count);
        var points = new List<ProfilePoint>(steps);
        for (var i = 0; i < steps; i++)
        {
            static (double Value, double Upper) At(ResourceForecast? f, int i, double scale) =>
                f is null ? (0, 0) : (f.Points[i].Value * scale, f.Points[i].Upper90 * scale);

            var cpu = At(cpuPercent, i, cpuCores / 100);
            var mem = At(memoryPercent, i, memoryBytes / 100);
            var io = At(iops, i, 1);
            var net = At(networkBytesPerSec, i, 1);
            points.Add(new ProfilePoint(any.Points[i].Time, new ResourceDemand(cpu.Value, mem.Value, io.Value, net.Value), new ResourceDemand(cpu.Upper, mem.Upper, io.Upper, net.Upper)));
        }

        return new PredictedResourceProfile(serverId, any.Origin + any.Step, any.Step, 0.9, points);
    }
}
