using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Query;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Service;

/// <summary>
/// One server's recent history, prepared for the models: CPU and memory in percent of provisioned, disk in IOPS
/// (read + write), network in bytes/s (rx + tx), all on one grid ending at the same interval (a metric that stopped
/// earlier is padded with its last value, marked unobserved), plus the raw error counts and probe latency for the
/// failure precursors. A resource with no observed interval is null.
/// </summary>
public sealed record ServerHistory(
    string ServerId,
    int? CpuCores,
    double? MemoryBytes,
    PreparedSeries? Cpu,
    PreparedSeries? Memory,
    PreparedSeries? DiskIops,
    PreparedSeries? Network,
    double[]? ErrorCounts,
    double[]? LatencyMs)
{
    /// <summary>The metric kinds a history is built from.</summary>
    public static IReadOnlyList<MetricKind> Kinds { get; } =
    [
        MetricKind.CpuPercent, MetricKind.MemoryUsedBytes, MetricKind.MemoryTotalBytes, MetricKind.DiskReadIops, MetricKind.DiskWriteIops,
        MetricKind.NetRxBytesPerSec, MetricKind.NetTxBytesPerSec, MetricKind.ErrorCount, MetricKind.ProbeLatencyMs,
    ];

    public PreparedSeries? Get(ResourceKind resource) => resource switch
    {
        ResourceKind.Cpu => Cpu,
        ResourceKind.Memory => Memory,
        ResourceKind.DiskIo => DiskIops,
        _ => Network,
    };

    /// <summary>
    /// Builds a history from the query service's series (one per kind of <see cref="Kinds"/>, any order, on one grid).
    /// Capacity comes from the inventory when known, else from the latest memory total in the series.
    /// </summary>
    public static ServerHistory FromSeries(string serverId, int? cpuCores, double? memoryBytes, IReadOnlyList<MetricSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        MetricSeries? Of(MetricKind kind) => series.FirstOrDefault(s => s.Kind == kind);
        var cpu = Of(MetricKind.CpuPercent);
        var used = Of(MetricKind.MemoryUsedBytes);
        var total = Of(MetricKind.MemoryTotalBytes);
        var grid = cpu ?? used ?? series.FirstOrDefault();
        if (grid is null || grid.Points.Count == 0)
        {
            return new ServerHistory(serverId, cpuCores, memoryBytes, null, null, null, null, null, null);
        }

        var end = grid.Points[^1].Start + grid.Resolution;
        var memory = memoryBytes ?? total?.Points.LastOrDefault(p => !p.IsGap).Stats.Mean;
        return new ServerHistory(
            serverId,
            cpuCores,
            memory is > 0 ? memory : null,
            Pad(Adapt(cpu, null), end),
            Pad(Adapt(used, total), end),
            Pad(Sum(serverId, "disk_iops", Of(MetricKind.DiskReadIops), Of(MetricKind.DiskWriteIops)), end),
            Pad(Sum(serverId, "network", Of(MetricKind.NetRxBytesPerSec), Of(MetricKind.NetTxBytesPerSec)), end),
            Raw(Of(MetricKind.ErrorCount), fillWith: 0),
            Raw(Of(MetricKind.ProbeLatencyMs), fillWith: null));
    }

    private static PreparedSeries? Adapt(MetricSeries? series, MetricSeries? memoryTotal)
    {
        if (series is null || series.Points.All(p => p.IsGap))
        {
            return null;
        }

        try
        {
            return MetricSeriesAdapter.FromMetricSeries(series, memoryTotal);
        }
        catch (ArgumentException)
        {
            // No usable interval (e.g. memory used without a total): the resource is simply not forecast.
            return null;
        }
    }

    private static PreparedSeries? Sum(string serverId, string metric, MetricSeries? a, MetricSeries? b)
    {
        var reference = a ?? b;
        if (reference is null)
        {
            return null;
        }

        var samples = new List<RawSample>(reference.Points.Count);
        for (var i = 0; i < reference.Points.Count; i++)
        {
            var pa = a is not null && i < a.Points.Count ? a.Points[i] : default;
            var pb = b is not null && i < b.Points.Count ? b.Points[i] : default;
            if (pa.Stats.Count == 0 && pb.Stats.Count == 0)
            {
                continue;
            }

            var value = (pa.Stats.Count > 0 ? pa.Stats.Mean : 0) + (pb.Stats.Count > 0 ? pb.Stats.Mean : 0);
            samples.Add(new RawSample(reference.Points[i].Start.ToUnixTimeSeconds(), value, double.NaN));
        }

        return samples.Count == 0 ? null : SeriesGrid.Build(serverId, metric, samples, reference.Resolution, null, false);
    }

    /// <summary>Extends a series with its last value (unobserved) up to <paramref name="end"/>, so every resource forecasts from the same origin.</summary>
    internal static PreparedSeries? Pad(PreparedSeries? series, DateTimeOffset end)
    {
        if (series is null)
        {
            return null;
        }

        var length = (int)((end - series.Start).Ticks / series.Step.Ticks);
        if (length <= series.Length)
        {
            return series;
        }

        var values = new double[length];
        var observed = new bool[length];
        series.Values.CopyTo(values, 0);
        series.Observed.CopyTo(observed, 0);
        Array.Fill(values, series.Values[^1], series.Length, length - series.Length);
        double[]? capacity = null;
        if (series.Capacity is { } c)
        {
            capacity = new double[length];
            c.CopyTo(capacity, 0);
            Array.Fill(capacity, c[^1], c.Length, length - c.Length);
        }

        var artefacts = series.Artefacts with { GapsFilled = series.Artefacts.GapsFilled + (length - series.Length) };
        return new PreparedSeries(series.Id, series.Metric, series.Start, series.Step, values, observed, capacity, artefacts, series.IsPercent);
    }

    private static double[]? Raw(MetricSeries? series, double? fillWith)
    {
        if (series is null || series.Points.All(p => p.IsGap))
        {
            return null;
        }

        var values = new double[series.Points.Count];
        var previous = series.Points.First(p => !p.IsGap).Stats.Mean;
        for (var i = 0; i < values.Length; i++)
        {
            var p = series.Points[i];
            values[i] = !p.IsGap ? (previous = p.Stats.Mean) : fillWith ?? previous;
        }

        return values;
    }
}
