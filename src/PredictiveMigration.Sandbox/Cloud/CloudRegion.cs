namespace PredictiveMigration.Sandbox.Cloud;

/// <summary>A sandbox region: a price multiplier, a regional vCPU quota, and how many VMs of each size it can still host.</summary>
public sealed class CloudRegion
{
    public required string Name { get; init; }

    public required string DisplayName { get; init; }

    public double PriceMultiplier { get; init; } = 1.0;

    /// <summary>Regional vCPU quota of the subscription ("Total Regional vCPUs").</summary>
    public int CoreQuota { get; init; } = 200;

    /// <summary>Remaining capacity per size (VM count); a size absent here is not offered in the region.</summary>
    public required Dictionary<string, int> Capacity { get; init; }
}
