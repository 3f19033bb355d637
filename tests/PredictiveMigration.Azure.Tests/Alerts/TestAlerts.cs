using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Domain.Forecasting;

namespace PredictiveMigration.Azure.Tests.Alerts;

/// <summary>Alerts built with the domain's factories, as the app builds them.</summary>
internal static class TestAlerts
{
    public static Alert HighRisk(string server, DateTimeOffset at, int score = 93) => Alert.HighRisk(
        new RiskAssessment(server, at, score, [], [], HealthSignals.None,
            [new RiskReason(RiskReasonCode.UpperBoundCrossesThreshold, ResourceKind.Memory, "memory forecast p90 reaches 97 % in 40 min")], "v7"),
        new Uri($"https://pm.example/servers/{server}"));

    public static Alert Started(string migration, DateTimeOffset at, string server = "web-01") => Alert.Migration(
        AlertKind.MigrationStarted, migration, server, at, $"Moving {server} to Standard_D8s_v5 in westeurope.", [new AlertFact("Strategy", "migrate")]);

    public static Alert Failed(string migration, DateTimeOffset at, string server = "web-01") => Alert.Migration(
        AlertKind.MigrationFailed, migration, server, at, "Rollback could not delete the target disk; remove it by hand.");

    public static Alert Completed(string migration, string server = "web-01") => Alert.Migration(
        AlertKind.MigrationCompleted, migration, server, AlertTestContext.Start, $"{server} now runs on Standard_D8s_v5; the source is decommissioned.");
}
