using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Forecasting.Risk;

namespace PredictiveMigration.Forecasting.Tests.Risk;

public class RiskScorerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static ResourceOutlook Memory(double[] values, double spread, double[] probability, double trend = 8) =>
        new(
            new ResourceForecast(ResourceKind.Memory, "percent", Now, TimeSpan.FromMinutes(5), "global_gbm", values.Select((v, i) => new ForecastPoint(Now.AddMinutes(5 * (i + 1)), v, v - spread, v + spread, v - (1.5 * spread), v + (1.5 * spread), v - (2 * spread), v + (2 * spread))).ToList()),
            95,
            probability,
            trend);

    [Fact]
    public void Assess_ProbabilityOfCrossing_IsTheScore()
    {
        var outlook = Memory([90, 92, 94, 96], 2, [0.05, 0.2, 0.4, 0.7]);

        var a = new RiskScorer(new RiskOptions()).Assess("vm1", Now, [outlook], HealthSignals.None, "v1");

        Assert.Equal(70, a.Score);
        Assert.Equal(0.7, a.Resources[0].Probability, 9);
    }

    [Fact]
    public void Assess_TimesToExhaustion_ComeFromPointAndBounds()
    {
        var outlook = Memory([90, 92, 94, 96], 2, [0.05, 0.2, 0.4, 0.7]);

        var r = RiskScorer.Resource(outlook);

        Assert.Equal(TimeSpan.FromMinutes(20), r.ExpectedTimeToExhaustion);
        Assert.Equal(TimeSpan.FromMinutes(10), r.EarliestTimeToExhaustion);
        Assert.Null(r.LatestTimeToExhaustion);
    }

    [Fact]
    public void Assess_StrongAnomalyAndPrecursors_AddToTheScoreUpTo100()
    {
        var outlook = Memory([50, 50], 1, [0.5, 0.5]);
        var health = new HealthSignals(AnomalyScore: 1.0, ErrorRateRatio: 4.0, LatencyDriftPercent: 10);

        var a = new RiskScorer(new RiskOptions()).Assess("vm1", Now, [outlook], health, "v1");

        Assert.Equal(85, a.Score);
        Assert.Contains(a.Reasons, r => r.Code == RiskReasonCode.Anomaly);
        Assert.Contains(a.Reasons, r => r.Code == RiskReasonCode.ErrorRateRising);
    }

    [Fact]
    public void Assess_Everything_IsCappedAt100()
    {
        var outlook = Memory([99, 99], 1, [1, 1]);

        var a = new RiskScorer(new RiskOptions()).Assess("vm1", Now, [outlook], new HealthSignals(1, 10, 500), "v1");

        Assert.Equal(100, a.Score);
    }

    [Fact]
    public void Assess_UpperBoundCrossing_ExplainsInOperatorWords()
    {
        var outlook = Memory([88, 90, 92, 93], 2, [0.0, 0.05, 0.1, 0.2]);

        var a = new RiskScorer(new RiskOptions()).Assess("vm1", Now, [outlook], HealthSignals.None, "v1");

        var reason = Assert.Single(a.Reasons);
        Assert.Equal("memory forecast p90 reaches 96 % in 20 min (threshold 95 %, p 20 %); trend +8.0 %/h", reason.Text);
    }

    [Fact]
    public void Signals_ErrorBurstAndSlowerProbes_AreReported()
    {
        var errors = Enumerable.Repeat(1.0, 300).Concat(Enumerable.Repeat(5.0, 12)).ToArray();
        var latency = Enumerable.Repeat(100.0, 300).Concat(Enumerable.Repeat(150.0, 12)).ToArray();

        var h = PrecursorAnalyzer.Signals(0.2, errors, latency, 12);

        Assert.Equal(5.0, h.ErrorRateRatio!.Value, 6);
        Assert.Equal(50.0, h.LatencyDriftPercent!.Value, 6);
    }
}
