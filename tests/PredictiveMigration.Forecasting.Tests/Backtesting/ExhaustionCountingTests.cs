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

    [Fact]
    public void Run_FollowerStartsAfterItsLeader_TheFleetSignalAnnouncesItsFlatStarts()
    {
        // Both idle at 5 %; every 13 hours the leader jumps to 100 %, the follower 30 minutes later: the follower's
        // events are flat starts from its own series, but the leader's jump announces them a full lead ahead.
        Func<int, double> Jump(int at) => t => t % 156 is var p && p >= at && p < at + 6 ? 95 : 0;
        var leader = Synthetic.Make(12 * Synthetic.Day, level: 5, noise: 0.2, seed: 50, id: "leader", extra: Jump(100));
        var follower = Synthetic.Make(12 * Synthetic.Day, level: 5, noise: 0.2, seed: 51, id: "follower", extra: Jump(106));

        var report = new Backtester(new BacktestOptions { Global = null }).Run([leader, follower]);

        Assert.True(report.Exhaustion.AlertFleet > 0, "the fleet signal was not chosen on calibration");
        var followerScores = report.Series.Single(s => s.Id == "follower").Exhaustion;
        Assert.True(followerScores.Events >= 2, $"events {followerScores.Events}");
        Assert.Equal(followerScores.Events, followerScores.FlatStarts);
        Assert.Equal(followerScores.Events, followerScores.Detected);
        Assert.Equal(0, report.Series.Single(s => s.Id == "leader").Exhaustion.Detected);
    }
}
