namespace PredictiveMigration.Domain.Metrics;

/// <summary>
/// One sample from one server's agent: schema v1 of <c>docs/metrics-schema.md</c>.
/// Values are in <see cref="Values"/>, indexed by <see cref="MetricKind"/>; NaN means the agent did not report it.
/// </summary>
public sealed class MetricEvent
{
    /// <summary>The schema version this type reads and writes.</summary>
    public const int CurrentSchemaVersion = 1;

    private MetricValues _values = MetricValues.Empty();

    public required string ServerId { get; init; }

    /// <summary>When the agent took the sample (UTC).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The agent's monotonically increasing sample number; with <see cref="ServerId"/> it identifies the event.</summary>
    public required long Sequence { get; init; }

    public string? AgentVersion { get; init; }

    /// <summary>Capacity fact: logical CPU cores, when the agent reports it.</summary>
    public int? CpuCores { get; init; }

    public double this[MetricKind kind]
    {
        get => _values[(int)kind];
        set => _values[(int)kind] = value;
    }

    public bool Has(MetricKind kind) => !double.IsNaN(_values[(int)kind]);

    public double CpuPercent { get => this[MetricKind.CpuPercent]; init => this[MetricKind.CpuPercent] = value; }
    public double MemoryUsedBytes { get => this[MetricKind.MemoryUsedBytes]; init => this[MetricKind.MemoryUsedBytes] = value; }
    public double MemoryTotalBytes { get => this[MetricKind.MemoryTotalBytes]; init => this[MetricKind.MemoryTotalBytes] = value; }
    public double DiskReadBytesPerSec { get => this[MetricKind.DiskReadBytesPerSec]; init => this[MetricKind.DiskReadBytesPerSec] = value; }
    public double DiskWriteBytesPerSec { get => this[MetricKind.DiskWriteBytesPerSec]; init => this[MetricKind.DiskWriteBytesPerSec] = value; }
    public double DiskReadIops { get => this[MetricKind.DiskReadIops]; init => this[MetricKind.DiskReadIops] = value; }
    public double DiskWriteIops { get => this[MetricKind.DiskWriteIops]; init => this[MetricKind.DiskWriteIops] = value; }
    public double NetRxBytesPerSec { get => this[MetricKind.NetRxBytesPerSec]; init => this[MetricKind.NetRxBytesPerSec] = value; }
    public double NetTxBytesPerSec { get => this[MetricKind.NetTxBytesPerSec]; init => this[MetricKind.NetTxBytesPerSec] = value; }
    public double ProbeLatencyMs { get => this[MetricKind.ProbeLatencyMs]; init => this[MetricKind.ProbeLatencyMs] = value; }
    public double QueueLength { get => this[MetricKind.QueueLength]; init => this[MetricKind.QueueLength] = value; }
    public double ErrorCount { get => this[MetricKind.ErrorCount]; init => this[MetricKind.ErrorCount] = value; }
}
