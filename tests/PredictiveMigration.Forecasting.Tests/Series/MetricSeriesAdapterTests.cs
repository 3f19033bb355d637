using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Query;
using PredictiveMigration.Domain.Metrics.Rollups;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Tests.Series;

public class MetricSeriesAdapterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static MetricSeries Series(MetricKind kind, params double[] means)
    {
        var points = means.Select((m, i) =>
        {
            var stats = default(MetricStats);
            if (!double.IsNaN(m))
            {
                stats.Add(m, T0.AddMinutes(5 * i).UtcTicks);
            }

            return new SeriesPoint(T0.AddMinutes(5 * i), stats);
        }).ToList();
        return new MetricSeries("srv-1", kind, TimeSpan.FromMinutes(5), points);
    }

    [Fact]
    public void FromMetricSeries_MemoryWithChangingTotal_IsPercentOfTheSameInterval()
    {
        var used = Series(MetricKind.MemoryUsedBytes, 4e9, 4e9, 9e9);
        var total = Series(MetricKind.MemoryTotalBytes, 8e9, 16e9, 8e9);

        var prepared = MetricSeriesAdapter.FromMetricSeries(used, total);

        Assert.Equal([50.0, 25.0, 100.0], prepared.Values);
        Assert.Equal(1, prepared.Artefacts.Capped);
        Assert.True(prepared.IsPercent);
    }

    [Fact]
    public void FromMetricSeries_GapInTheMiddle_IsFilledAndMasked()
    {
        var cpu = Series(MetricKind.CpuPercent, 10, double.NaN, 30);

        var prepared = MetricSeriesAdapter.FromMetricSeries(cpu);

        Assert.Equal([10.0, 10.0, 30.0], prepared.Values);
        Assert.Equal([true, false, true], prepared.Observed);
        Assert.Equal("cpu", prepared.Metric);
    }

    [Fact]
    public void FromMetricSeries_OnlyGaps_ThrowsClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => MetricSeriesAdapter.FromMetricSeries(Series(MetricKind.CpuPercent, double.NaN, double.NaN)));

        Assert.Contains("no observed interval", ex.Message, StringComparison.Ordinal);
    }
}
