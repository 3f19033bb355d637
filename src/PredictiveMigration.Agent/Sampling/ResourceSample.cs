namespace PredictiveMigration.Agent.Sampling;

/// <summary>One interval's resource use: rates are per second over the interval, memory is the value at its end.</summary>
public sealed record ResourceSample
{
    public required double CpuPercent { get; init; }

    public required int CpuCores { get; init; }

    public required double MemoryUsedBytes { get; init; }

    public required double MemoryTotalBytes { get; init; }

    public required double DiskReadBytesPerSec { get; init; }

    public required double DiskWriteBytesPerSec { get; init; }

    public required double DiskReadIops { get; init; }

    public required double DiskWriteIops { get; init; }

    public required double NetRxBytesPerSec { get; init; }

    public required double NetTxBytesPerSec { get; init; }
}
