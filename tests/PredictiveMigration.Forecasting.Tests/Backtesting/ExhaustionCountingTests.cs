using PredictiveMigration.Forecasting.Backtesting;

namespace PredictiveMigration.Forecasting.Tests.Backtesting;

public class ExhaustionCountingTests
{
    [Fact]
    public void Run_JumpsFromAFlatLine_CountsThemAsFlatStarts()
    {
        // Idle at 5 % with a sudden jump to 100 % for half an hour every 13 hours: nothing announces the jump.
        var series = Enumerable.Range(0, 2).Select(i => Synthetic.Make(12 * Synthetic.Day, level: 5, noise: 0.2, seed: 40 + i, id: $"j{i}", extra: t => t % 156 is >= 100 and < 106 ? 95 : 0)).ToList();

        var report = new Backtester(new BacktestOptions { Global = null }).Run(series);

        Assert.True(report.Exhaustion.Events >= 4, $"events {report.Exhaustion.Events}");
        Assert.Equal(report.Exhaustion.Events, report.Exhaustion.FlatStarts);
    }

    [Fact]
    public void Run_DailyRamp_IsNotAFlatStartAndNotifiesAtMostOncePerHorizon()
    {
        // A daily ramp from 40 % to 98 %: visible in the window before the onset.
        var series = new[] { Synthetic.Make(12 * Synthetic.Day, level: 40, noise: 1, seed: 21, id: "r", extra: t => t % Synthetic.Day is >= 130 and < 170 ? 58 * Math.Min(1, (t % Synthetic.Day - 130) / 12.0) : 0) };

        var report = new Backtester(new BacktestOptions { Global = null }).Run(series);

        Assert.Equal(0, report.Exhaustion.FlatStarts);
        // The test part is 12·288·0.2 ≈ 691 origins: with a refractory period of one horizon (12), at most ~58 notifications.
        Assert.InRange(report.Exhaustion.Alerts, 1, 58);
    }
}
