using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Testing;

/// <summary>Valid v1 metric events for tests: 4 cores, 4 of 8 GB used, small disk and network rates.</summary>
public static class SampleEvents
{
    public static MetricEvent Create(string serverId, long seq, DateTimeOffset at, double cpu = 50) => new()
    {
        ServerId = serverId,
        Timestamp = at,
        Sequence = seq,
        AgentVersion = "1.0.0",
        CpuCores = 4,
        CpuPercent = cpu,
        MemoryUsedBytes = 4e9,
        MemoryTotalBytes = 8e9,
        DiskReadBytesPerSec = 1000,
        DiskWriteBytesPerSec = 2000,
        DiskReadIops = 10,
        DiskWriteIops = 20,
        NetRxBytesPerSec = 3000,
        NetTxBytesPerSec = 4000,
    };

    /// <summary>The event's JSON text, as an agent sends it.</summary>
    public static string Json(string serverId, long seq, DateTimeOffset at, double cpu = 50) =>
        System.Text.Encoding.UTF8.GetString(MetricEventJson.Serialize(Create(serverId, seq, at, cpu)));
}
