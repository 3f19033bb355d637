using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Functions.Alerts;
using static PredictiveMigration.Functions.Tests.Alerts.AlertSamples;

namespace PredictiveMigration.Functions.Tests.Alerts;

/// <summary>Which forecasts alert: entering a band (or a new resource in it) does, staying does not.</summary>
public class HighRiskAlertPolicyTests
{
    private const int Threshold = 70;
    private static readonly TimeSpan Rearm = TimeSpan.FromHours(1);
    private static readonly Uri Link = new("https://pm.example/api/dashboard/#/servers/web-01");

    [Fact]
    public void Decide_NeverAssessedAndAtRisk_AlertsWithResourceBandDedupKeyReasonsAndExhaustionTime()
    {
        var current = Forecast("web-01", T0, (ResourceKind.Cpu, 20), (ResourceKind.Memory, 78));

        var alert = HighRiskAlertPolicy.Decide(current, null, Threshold, Rearm, Link);

        Assert.NotNull(alert);
        alert.Validate();
        Assert.Equal(AlertKind.HighRisk, alert.Kind);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        Assert.Equal("high-risk:web-01:memory:high", alert.DedupKey);
        Assert.Equal("high-risk:web-01:20261123T090000000Z", alert.Id);
        Assert.Equal(Link, alert.Link);
        Assert.Contains("Memory forecast reaches 97 % in 40 min", alert.Text, StringComparison.Ordinal);
        var facts = alert.Facts.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("Memory", facts["Resource"]);
        Assert.Equal("high (score ≥ 70)", facts["Risk band"]);
        Assert.Equal("2026-11-23 09:40 UTC (in 40 min)", facts["Predicted exhaustion"]);
        Assert.Equal("2026-11-23 09:25 UTC (in 25 min)", facts["Earliest exhaustion (p95)"]);
        Assert.Equal("78 % within the horizon", facts["Probability of exhaustion"]);
        Assert.Equal("Memory forecast reaches 97 % in 40 min", facts["Reason 1"]);
        Assert.Equal("trend +8 %/h", facts["Reason 2"]);
    }

    [Fact]
    public void Decide_BelowThreshold_DoesNotAlert()
    {
        Assert.Null(HighRiskAlertPolicy.Decide(Forecast("web-01", T0, (ResourceKind.Cpu, 69)), null, Threshold, Rearm, null));
    }

    [Fact]
    public void Decide_StaysInTheSameBandOnTheSameResource_DoesNotAlert()
    {
        var previous = Summary(Forecast("web-01", T0, (ResourceKind.Memory, 75)));

        Assert.Null(HighRiskAlertPolicy.Decide(Forecast("web-01", T0.AddMinutes(5), (ResourceKind.Memory, 84)), previous, Threshold, Rearm, null));
    }

    [Fact]
    public void Decide_RisesFromBelowThreshold_Alerts()
    {
        var previous = Summary(Forecast("web-01", T0, (ResourceKind.Memory, 50)));

        var alert = HighRiskAlertPolicy.Decide(Forecast("web-01", T0.AddMinutes(5), (ResourceKind.Memory, 75)), previous, Threshold, Rearm, null);

        Assert.Equal("high-risk:web-01:memory:high", alert?.DedupKey);
    }

    [Fact]
    public void Decide_HighToCritical_AlertsCriticalWithItsOwnKey_CriticalToHighDoesNot()
    {
        var high = Forecast("web-01", T0, (ResourceKind.Memory, 75));
        var critical = Forecast("web-01", T0.AddMinutes(5), (ResourceKind.Memory, 95));

        var up = HighRiskAlertPolicy.Decide(critical, Summary(high), Threshold, Rearm, null);
        var down = HighRiskAlertPolicy.Decide(Forecast("web-01", T0.AddMinutes(10), (ResourceKind.Memory, 75)), Summary(critical), Threshold, Rearm, null);

        Assert.NotNull(up);
        Assert.Equal(AlertSeverity.Critical, up.Severity);
        Assert.Equal("high-risk:web-01:memory:critical", up.DedupKey);
        Assert.Null(down);
    }

    [Fact]
    public void Decide_AnotherResourceBecomesTheRiskiestInTheSameBand_Alerts()
    {
        var previous = Summary(Forecast("web-01", T0, (ResourceKind.Memory, 75), (ResourceKind.Cpu, 30)));

        var alert = HighRiskAlertPolicy.Decide(Forecast("web-01", T0.AddMinutes(5), (ResourceKind.Memory, 60), (ResourceKind.Cpu, 80)), previous, Threshold, Rearm, null);

        Assert.Equal("high-risk:web-01:cpu:high", alert?.DedupKey);
    }

    [Fact]
    public void Decide_PreviousAssessmentOlderThanTheRearmTime_AlertsAgain()
    {
        var previous = Summary(Forecast("web-01", T0, (ResourceKind.Memory, 75)));
        var current = Forecast("web-01", T0 + Rearm + TimeSpan.FromMinutes(5), (ResourceKind.Memory, 75));

        Assert.NotNull(HighRiskAlertPolicy.Decide(current, previous, Threshold, Rearm, null));
        Assert.Null(HighRiskAlertPolicy.Decide(current, previous, Threshold, TimeSpan.Zero, null));
    }

    [Fact]
    public void Decide_ThisTickIsAlreadyStored_DoesNotAlert()
    {
        var current = Forecast("web-01", T0, (ResourceKind.Memory, 95));

        Assert.Null(HighRiskAlertPolicy.Decide(current, Summary(current), Threshold, Rearm, null));
    }

    [Fact]
    public void Decide_RiskFromHealthSignalsOnly_UsesHealthAsTheResource()
    {
        var current = new ServerForecast(
            new RiskAssessment("web-01", T0, 80, [], [], HealthSignals.None, [new RiskReason(RiskReasonCode.ErrorRateRising, null, "error rate rising")], "v3"),
            null, [], "model", 100);

        var alert = HighRiskAlertPolicy.Decide(current, null, Threshold, Rearm, null);

        Assert.Equal("high-risk:web-01:health:high", alert?.DedupKey);
        Assert.Equal("none (health signals)", alert!.Facts.Single(f => f.Name == "Resource").Value);
    }

    [Theory]
    [InlineData(70, 69, HighRiskBand.None)]
    [InlineData(70, 70, HighRiskBand.High)]
    [InlineData(70, 89, HighRiskBand.High)]
    [InlineData(70, 90, HighRiskBand.Critical)]
    [InlineData(95, 92, HighRiskBand.None)]
    [InlineData(95, 95, HighRiskBand.Critical)]
    public void BandOf_ScoreAndThreshold_GivesTheBand(int threshold, int score, HighRiskBand band)
    {
        Assert.Equal(band, HighRiskAlertPolicy.BandOf(score, threshold));
    }

    private static RiskSummary Summary(ServerForecast f) =>
        new(f.ServerId, f.Assessment.AssessedAt, f.Assessment.Score, HighRiskAlertPolicy.TopResource(f.Assessment)?.Resource, null, f.Assessment.ModelVersion);
}
