using PredictiveMigration.Forecasting.Backtesting;
using PredictiveMigration.Forecasting.Models;

namespace PredictiveMigration.Forecasting.Tests.Backtesting;

public class BacktesterTests
{
    [Fact]
    public void Run_WhiteNoise_Covers90PercentNearNominal()
    {
        var series = Enumerable.Range(0, 3).Select(i => Synthetic.Make(10 * Synthetic.Day, noise: 3, seed: 10 + i, id: $"n{i}")).ToList();

        var report = new Backtester(new BacktestOptions { Global = null }).Run(series);

        Assert.InRange(report.Models[RecentMedianForecaster.ModelName].Coverage["90"], 0.87, 0.93);
        Assert.InRange(report.Models[NaiveForecaster.ModelName].Coverage["80"], 0.77, 0.83);
    }

    [Fact]
    public void Run_WhiteNoise_MedianBeatsNaiveAndMaseIsRelativeToNaive()
    {
        var series = new[] { Synthetic.Make(8 * Synthetic.Day, noise: 3, seed: 3) };

        var report = new Backtester(new BacktestOptions { Global = null }).Run(series);

        Assert.Equal(1.0, report.Models[NaiveForecaster.ModelName].Mase, 9);
        Assert.True(report.Models[RecentMedianForecaster.ModelName].Mase < 0.85, "the median of an hour of noise beats the last noisy value");
    }

    [Fact]
    public void Run_DailyPeaksAboveThreshold_RaisesTimelyExhaustionAlerts()
    {
        // A daily ramp from 40 % to 98 % around noon: seasonal models see it coming.
        var series = Enumerable.Range(0, 2).Select(i => Synthetic.Make(12 * Synthetic.Day, level: 40, noise: 1, seed: 20 + i, id: $"p{i}", extra: t =>
        {
            var phase = t % Synthetic.Day;
            return phase is >= 130 and < 170 ? 58 * Math.Min(1, (phase - 130) / 12.0) : 0;
        })).ToList();

        var report = new Backtester(new BacktestOptions { Global = null }).Run(series);

        Assert.True(report.Exhaustion.Events >= 4, $"events {report.Exhaustion.Events}");
        Assert.True(report.Exhaustion.Recall >= 0.7, $"recall {report.Exhaustion.Recall}");
        Assert.True(report.Exhaustion.Precision >= 0.6, $"precision {report.Exhaustion.Precision}");
    }

    [Fact]
    public void Run_OnlyShortSeries_ThrowsNamingThem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Backtester(new BacktestOptions { Global = null }).Run([Synthetic.Make(50, id: "tiny")]));

        Assert.Contains("tiny", ex.Message, StringComparison.Ordinal);
    }
}
