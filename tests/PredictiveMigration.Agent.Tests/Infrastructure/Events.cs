using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Tests.Infrastructure;

/// <summary>Valid metric events for tests.</summary>
public static class Events
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static MetricEvent Make(long sequence, string serverId = "srv-01") => new()
    {
        ServerId = serverId,
        Timestamp = Epoch.AddSeconds(sequence * 10),
        Sequence = sequence,
        AgentVersion = "pm-agent/test",
        CpuCores = 4,
        CpuPercent = sequence % 100,
        MemoryUsedBytes = 1_000_000,
        MemoryTotalBytes = 8_000_000,
        DiskReadBytesPerSec = 512,
        DiskWriteBytesPerSec = 1024,
        DiskReadIops = 1,
        DiskWriteIops = 2,
        NetRxBytesPerSec = 100,
        NetTxBytesPerSec = 200,
    };

    public static IReadOnlyList<MetricEvent> Range(long first, int count, string serverId = "srv-01") =>
        [.. Enumerable.Range(0, count).Select(i => Make(first + i, serverId))];
}
