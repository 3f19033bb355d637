namespace PredictiveMigration.Agent.Sampling;

/// <summary>What /proc/meminfo says, in bytes.</summary>
public readonly record struct MemorySnapshot(ulong TotalBytes, ulong AvailableBytes)
{
    public ulong UsedBytes => TotalBytes > AvailableBytes ? TotalBytes - AvailableBytes : 0;
}
