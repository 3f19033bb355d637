using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Query;
using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Domain.Tests.Metrics;

public class MetricsQueryServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static async Task<InMemoryMetricsStore> StoreWithMinutesAsync(params int[] minutes)
    {
        var store = new InMemoryMetricsStore();
        var seq = 0;
        foreach (var m in minutes)
        {
            var at = Start.AddMinutes(m);
            await store.ApplyAsync([new RollupGroup("web-01", at, [TestEvents.Event(seq: seq++, at: at.AddSeconds(5), cpu: m)])], CancellationToken.None);
        }

        return store;
    }

    [Fact]
    public async Task GetSeries_OneMinuteResolution_MarksMissingMinutesAsGaps()
    {
        var store = await StoreWithMinutesAsync(0, 1, 4);
        var service = new MetricsQueryService(store);

        var series = (await service.GetSeriesAsync(new SeriesQuery("web-01", [MetricKind.CpuPercent], Start, Start.AddMinutes(5), TimeSpan.FromMinutes(1)), TestContext.Current.CancellationToken)).Single();

        Assert.Equal(5, series.Points.Count);
        Assert.Equal([false, false, true, true, false], series.Points.Select(p => p.IsGap));
        Assert.Equal(4, series.Points[4].Stats.Mean);
        Assert.Equal(2, series.GapCount);
    }

    [Fact]
    public async Task GetSeries_FiveMinuteResolution_MergesMinutes()
    {
        var store = await StoreWithMinutesAsync(0, 1, 2, 7);
        var service = new MetricsQueryService(store);

        var series = (await service.GetSeriesAsync(new SeriesQuery("web-01", [MetricKind.CpuPercent, MetricKind.MemoryUsedBytes], Start, Start.AddMinutes(15), TimeSpan.FromMinutes(5)), TestContext.Current.CancellationToken));

        var cpu = series[0];
        Assert.Equal(3, cpu.Points.Count);
        Assert.Equal(3, cpu.Points[0].Stats.Count);
        Assert.Equal(1, cpu.Points[0].Stats.Mean, 9);
        Assert.Equal(2, cpu.Points[0].Stats.Max);
        Assert.Equal(7, cpu.Points[1].Stats.Last);
        Assert.True(cpu.Points[2].IsGap);
        Assert.Equal(MetricKind.MemoryUsedBytes, series[1].Kind);
    }

    [Theory]
    [InlineData(30, "resolution")]
    [InlineData(90, "resolution")]
    public async Task GetSeries_InvalidResolution_ThrowsNamingTheField(int seconds, string field)
    {
        var service = new MetricsQueryService(new InMemoryMetricsStore());

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => service.GetSeriesAsync(new SeriesQuery("web-01", [MetricKind.CpuPercent], Start, Start.AddHours(1), TimeSpan.FromSeconds(seconds)), TestContext.Current.CancellationToken));

        Assert.Equal(field, ex.ParamName);
    }

    [Fact]
    public void Validate_TooManyPoints_NamesResolution()
    {
        var q = new SeriesQuery("web-01", [MetricKind.CpuPercent], Start, Start.AddDays(30), TimeSpan.FromMinutes(1));

        Assert.Equal("resolution", q.Validate()!.Value.Field);
    }

    [Fact]
    public void Validate_ToBeforeFrom_NamesTo()
    {
        var q = new SeriesQuery("web-01", [MetricKind.CpuPercent], Start, Start.AddMinutes(-1), TimeSpan.FromMinutes(1));

        Assert.Equal("to", q.Validate()!.Value.Field);
    }
}
