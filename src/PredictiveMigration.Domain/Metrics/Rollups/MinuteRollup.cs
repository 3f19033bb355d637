namespace PredictiveMigration.Domain.Metrics.Rollups;

/// <summary>
/// One server's samples within one UTC minute, reduced to per-metric count/sum/min/max/last, plus the set of agent
/// sequence numbers already counted. Applying the same event twice changes nothing.
/// </summary>
public sealed class MinuteRollup
{
    private MetricStatsSet _stats;

    public MinuteRollup(string serverId, DateTimeOffset minute)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverId);
        ServerId = serverId;
        Minute = FloorToMinute(minute);
        Sequences = new SequenceSet();
    }

    private MinuteRollup(MinuteRollup other)
    {
        ServerId = other.ServerId;
        Minute = other.Minute;
        Sequences = other.Sequences.Clone();
        EventCount = other.EventCount;
        CpuCores = other.CpuCores;
        _stats = other._stats;
    }

    public string ServerId { get; }

    /// <summary>Start of the minute (UTC, seconds zero).</summary>
    public DateTimeOffset Minute { get; }

    /// <summary>Distinct events counted.</summary>
    public int EventCount { get; set; }

    public SequenceSet Sequences { get; private set; }

    /// <summary>Capacity fact from the latest event that reported it.</summary>
    public int? CpuCores { get; set; }

    public ref MetricStats this[MetricKind kind] => ref _stats[(int)kind];

    public MetricStats Get(MetricKind kind) => _stats[(int)kind];

    /// <summary>Counts the event unless its sequence number is already in; returns false for a duplicate.</summary>
    public bool Apply(MetricEvent metricEvent)
    {
        ArgumentNullException.ThrowIfNull(metricEvent);
        if (!string.Equals(metricEvent.ServerId, ServerId, StringComparison.Ordinal) || FloorToMinute(metricEvent.Timestamp) != Minute)
        {
            throw new ArgumentException($"event {metricEvent.ServerId}@{metricEvent.Timestamp:O} does not belong to rollup {ServerId}@{Minute:O}", nameof(metricEvent));
        }

        if (!Sequences.Add(metricEvent.Sequence))
        {
            return false;
        }

        var ticks = metricEvent.Timestamp.UtcTicks;
        for (var i = 0; i < MetricKinds.Count; i++)
        {
            var value = metricEvent[(MetricKind)i];
            if (!double.IsNaN(value))
            {
                _stats[i].Add(value, ticks);
            }
        }

        if (metricEvent.CpuCores is { } cores)
        {
            CpuCores = cores;
        }

        EventCount++;
        return true;
    }

    /// <summary>Restores stored state (used by storage adapters).</summary>
    public void Restore(int eventCount, SequenceSet sequences, int? cpuCores, ReadOnlySpan<MetricStats> stats)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (stats.Length > MetricKinds.Count)
        {
            throw new ArgumentException("more stats than metric kinds", nameof(stats));
        }

        EventCount = eventCount;
        Sequences = sequences;
        CpuCores = cpuCores;
        _stats = default;
        for (var i = 0; i < stats.Length; i++)
        {
            _stats[i] = stats[i];
        }
    }

    public MinuteRollup Clone() => new(this);

    public static DateTimeOffset FloorToMinute(DateTimeOffset t)
    {
        var utc = t.UtcTicks;
        return new DateTimeOffset(utc - (utc % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }
}
