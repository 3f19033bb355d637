using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Query;

namespace PredictiveMigration.Forecasting.Series;

/// <summary>
/// Turns the domain's <see cref="MetricSeries"/> (rollups on a regular grid, gaps marked) into a <see cref="PreparedSeries"/>.
/// Memory is converted to percent of the total reported at the same interval, so capacity changes are respected.
/// </summary>
public static class MetricSeriesAdapter
{
    public static PreparedSeries FromMetricSeries(MetricSeries series, MetricSeries? memoryTotal = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var samples = new List<RawSample>(series.Points.Count);
        var percent = series.Kind is MetricKind.CpuPercent or MetricKind.MemoryUsedBytes;
        for (var i = 0; i < series.Points.Count; i++)
        {
            var p = series.Points[i];
            if (p.IsGap)
            {
                continue;
            }

            var value = p.Stats.Mean;
            var capacity = double.NaN;
            if (series.Kind == MetricKind.MemoryUsedBytes)
            {
                if (memoryTotal is null || i >= memoryTotal.Points.Count || memoryTotal.Points[i].IsGap || memoryTotal.Points[i].Stats.Mean <= 0)
                {
                    continue;
                }

                capacity = memoryTotal.Points[i].Stats.Mean;
                value = 100.0 * value / capacity;
            }

            samples.Add(new RawSample(p.Start.ToUnixTimeSeconds(), value, capacity));
        }

        var metric = series.Kind switch
        {
            MetricKind.CpuPercent => "cpu",
            MetricKind.MemoryUsedBytes => "memory",
            _ => series.Kind.JsonName(),
        };

        return samples.Count > 0
            ? SeriesGrid.Build(series.ServerId, metric, samples, series.Resolution, percent ? 100 : null, percent)
            : throw new ArgumentException($"series '{series.ServerId}' ({metric}) has no observed interval", nameof(series));
    }
}
