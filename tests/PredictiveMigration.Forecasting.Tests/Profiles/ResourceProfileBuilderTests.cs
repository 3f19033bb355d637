using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Forecasting.Intervals;
using PredictiveMigration.Forecasting.Models;
using PredictiveMigration.Forecasting.Profiles;

namespace PredictiveMigration.Forecasting.Tests.Profiles;

public class ResourceProfileBuilderTests
{
    [Fact]
    public void Build_PercentForecasts_BecomeCoresAndBytes()
    {
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var cpu = new ResourceForecast(ResourceKind.Cpu, "percent", t, TimeSpan.FromMinutes(5), "naive", [new ForecastPoint(t.AddMinutes(5), 50, 40, 60, 35, 70, 30, 80)]);
        var memory = new ResourceForecast(ResourceKind.Memory, "percent", t, TimeSpan.FromMinutes(5), "naive", [new ForecastPoint(t.AddMinutes(5), 25, 20, 30, 20, 40, 10, 50)]);

        var profile = ResourceProfileBuilder.Build("vm", cpuCores: 8, memoryBytes: 16e9, cpu, memory, null, null);

        var p = Assert.Single(profile.Points);
        Assert.Equal(4, p.Expected.CpuCores, 9);
        Assert.Equal(5.6, p.Upper.CpuCores, 9);
        Assert.Equal(4e9, p.Expected.MemoryBytes, 3);
        Assert.Equal(6.4e9, profile.Peak().MemoryBytes, 3);
    }

    [Fact]
    public void CalibratedForecast_SeasonalSeries_GivesOrderedBandsAndProbabilities()
    {
        var s = Synthetic.Make(5 * Synthetic.Day, amplitude: 20, noise: 2);

        var calibrated = CalibratedForecast.Create(new SeasonalNaiveForecaster(), s, 12);
        var f = calibrated.Forecast(ResourceKind.Cpu, "percent");
        var p = calibrated.ExceedanceProbability(f, 200);

        Assert.Equal(12, f.Points.Count);
        Assert.All(f.Points, x => Assert.True(x.Lower95 <= x.Lower90 && x.Lower90 <= x.Lower80 && x.Lower80 <= x.Value && x.Value <= x.Upper80 && x.Upper80 <= x.Upper90 && x.Upper90 <= x.Upper95));
        Assert.All(p, x => Assert.Equal(0, x));
    }

    [Fact]
    public void CalibratedForecast_EmptySeries_ThrowsClearError()
    {
        var empty = Synthetic.FromValues([]);

        var ex = Assert.Throws<ArgumentException>(() => CalibratedForecast.Create(new NaiveForecaster(), empty, 12));

        Assert.Contains("empty series", ex.Message, StringComparison.Ordinal);
    }
}
