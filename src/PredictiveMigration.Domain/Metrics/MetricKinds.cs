using System.Collections.Frozen;

namespace PredictiveMigration.Domain.Metrics;

/// <summary>Facts about every <see cref="MetricKind"/>: its JSON field name, whether an event must carry it, and its valid range.</summary>
public static class MetricKinds
{
    /// <summary>Number of kinds; the size of every per-kind array.</summary>
    public const int Count = 12;

    private static readonly MetricKindInfo[] Infos =
    [
        new(MetricKind.CpuPercent, "cpuPercent", Required: true, Min: 0, Max: 150),
        new(MetricKind.MemoryUsedBytes, "memoryUsedBytes", Required: true, Min: 0, Max: 1L << 51),
        new(MetricKind.MemoryTotalBytes, "memoryTotalBytes", Required: true, Min: 1, Max: 1L << 50),
        new(MetricKind.DiskReadBytesPerSec, "diskReadBytesPerSec", Required: true, Min: 0, Max: 1e12),
        new(MetricKind.DiskWriteBytesPerSec, "diskWriteBytesPerSec", Required: true, Min: 0, Max: 1e12),
        new(MetricKind.DiskReadIops, "diskReadIops", Required: true, Min: 0, Max: 1e8),
        new(MetricKind.DiskWriteIops, "diskWriteIops", Required: true, Min: 0, Max: 1e8),
        new(MetricKind.NetRxBytesPerSec, "netRxBytesPerSec", Required: true, Min: 0, Max: 1e12),
        new(MetricKind.NetTxBytesPerSec, "netTxBytesPerSec", Required: true, Min: 0, Max: 1e12),
        new(MetricKind.ProbeLatencyMs, "probeLatencyMs", Required: false, Min: 0, Max: 3_600_000),
        new(MetricKind.QueueLength, "queueLength", Required: false, Min: 0, Max: 1e12),
        new(MetricKind.ErrorCount, "errorCount", Required: false, Min: 0, Max: 1e12),
    ];

    private static readonly FrozenDictionary<string, MetricKind> ByName =
        Infos.ToFrozenDictionary(i => i.JsonName, i => i.Kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>All kinds in slot order.</summary>
    public static IReadOnlyList<MetricKindInfo> All => Infos;

    public static MetricKindInfo Info(MetricKind kind) => Infos[(int)kind];

    public static string JsonName(this MetricKind kind) => Infos[(int)kind].JsonName;

    /// <summary>Parses a kind from its JSON name (case-insensitive), e.g. <c>cpuPercent</c>.</summary>
    public static bool TryParse(string? name, out MetricKind kind) => ByName.TryGetValue(name ?? string.Empty, out kind);
}

/// <summary>One kind's schema facts. <paramref name="Min"/> and <paramref name="Max"/> are inclusive.</summary>
public sealed record MetricKindInfo(MetricKind Kind, string JsonName, bool Required, double Min, double Max);
