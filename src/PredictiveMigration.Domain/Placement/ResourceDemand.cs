namespace PredictiveMigration.Domain.Placement;

/// <summary>Resources a workload needs (the upper bound of its forecast profile over the horizon) or a target offers.</summary>
public readonly record struct ResourceDemand(double Cores, double MemoryGb, double Iops, double NetworkMbps)
{
    public ResourceDemand Scale(double factor) => new(Cores * factor, MemoryGb * factor, Iops * factor, NetworkMbps * factor);

    public bool FitsIn(ResourceDemand capacity) =>
        Cores <= capacity.Cores && MemoryGb <= capacity.MemoryGb && Iops <= capacity.Iops && NetworkMbps <= capacity.NetworkMbps;

    public static ResourceDemand operator -(ResourceDemand a, ResourceDemand b) =>
        new(a.Cores - b.Cores, a.MemoryGb - b.MemoryGb, a.Iops - b.Iops, a.NetworkMbps - b.NetworkMbps);

    public static ResourceDemand operator +(ResourceDemand a, ResourceDemand b) =>
        new(a.Cores + b.Cores, a.MemoryGb + b.MemoryGb, a.Iops + b.Iops, a.NetworkMbps + b.NetworkMbps);
}
