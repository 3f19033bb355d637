using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Forecasting.Intervals;
using PredictiveMigration.Forecasting.Models;
using PredictiveMigration.Forecasting.Risk;

namespace PredictiveMigration.Forecasting.Tests.Risk;

public class RiskPipelineTests
{
    private static RiskAssessment Assess(double finalLevel)
    {
        // Memory climbing steadily for the last six hours towards finalLevel.
        var s = Synthetic.Make(3 * Synthetic.Day, level: 60, noise: 0.3, seed: 8, extra: t => Math.Max(0, t - ((3 * Synthetic.Day) - 72)) * (finalLevel - 60) / 72.0);
        var calibrated = CalibratedForecast.Create(new HoltWintersForecaster(), s, 12);
        var forecast = calibrated.Forecast(ResourceKind.Memory, "percent");
        var outlook = new ResourceOutlook(forecast, 95, calibrated.ExceedanceProbability(forecast, 95), calibrated.TrendPerHour());
        return new RiskScorer(new RiskOptions()).Assess("srv-1", s.TimeAt(s.Length - 1), [outlook], HealthSignals.None, "test");
    }

    [Fact]
    public void Assess_MemoryClimbingTowardsTheThreshold_ScoresHighWithAReason()
    {
        var a = Assess(finalLevel: 93);

        Assert.True(a.Score >= 50, $"score {a.Score}");
        Assert.Contains(a.Reasons, r => r.Resource == ResourceKind.Memory && r.Text.StartsWith("memory forecast", StringComparison.Ordinal));
        Assert.True(a.Resources[0].TrendPerHour > 3, $"trend {a.Resources[0].TrendPerHour}");
    }

    [Fact]
    public void Assess_FlatMemoryFarBelowTheThreshold_ScoresLowWithoutReasons()
    {
        var a = Assess(finalLevel: 60);

        Assert.True(a.Score <= 5, $"score {a.Score}");
        Assert.Empty(a.Reasons);
    }
}
