using PredictiveMigration.Forecasting.Anomaly;

namespace PredictiveMigration.Forecasting.Tests.Anomaly;

public class OnlineAnomalyDetectorTests
{
    [Fact]
    public void Run_SpikeInNoise_AlertsAtTheSpikeOnly()
    {
        var s = Synthetic.Make(4 * Synthetic.Day, noise: 1, seed: 5, extra: t => t == 800 ? 40 : 0);

        var result = new OnlineAnomalyDetector(new AnomalyOptions()).Run(s);

        Assert.Contains(800, result.Alerts);
        Assert.True(result.Alerts.Count <= 3, $"alerts at {string.Join(",", result.Alerts)}");
        Assert.True(result.Scores[800] >= 0.995);
    }

    [Fact]
    public void Run_ScoreAtPoint_DoesNotDependOnTheFuture()
    {
        var a = Synthetic.Make(3 * Synthetic.Day, noise: 1, seed: 6);
        var b = Synthetic.Make(3 * Synthetic.Day, noise: 1, seed: 6, extra: t => t > 700 ? 50 : 0);

        var ra = new OnlineAnomalyDetector(new AnomalyOptions()).Run(a);
        var rb = new OnlineAnomalyDetector(new AnomalyOptions()).Run(b);

        Assert.Equal(ra.Scores.AsSpan(0, 701).ToArray(), rb.Scores.AsSpan(0, 701).ToArray());
    }

    [Fact]
    public void Run_DuringWarmUp_NeverAlerts()
    {
        var s = Synthetic.Make(Synthetic.Day + 10, noise: 1, extra: t => t == 100 ? 80 : 0);

        var result = new OnlineAnomalyDetector(new AnomalyOptions()).Run(s);

        Assert.DoesNotContain(100, result.Alerts);
        Assert.True(double.IsNaN(result.Scores[100]));
    }
}
