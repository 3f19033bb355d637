namespace PredictiveMigration.Domain.Metrics;

/// <summary>
/// The measured quantities of a metric event (schema v1). The numeric value is the slot index in
/// <see cref="MetricValues"/> and in stored rollups: append new kinds at the end, never reorder.
/// </summary>
public enum MetricKind : byte
{
    CpuPercent = 0,
    MemoryUsedBytes = 1,
    MemoryTotalBytes = 2,
    DiskReadBytesPerSec = 3,
    DiskWriteBytesPerSec = 4,
    DiskReadIops = 5,
    DiskWriteIops = 6,
    NetRxBytesPerSec = 7,
    NetTxBytesPerSec = 8,
    ProbeLatencyMs = 9,
    QueueLength = 10,
    ErrorCount = 11,
}
