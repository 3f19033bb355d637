namespace PredictiveMigration.Functions;

/// <summary>The alert sources' messages (event ids 950-959), part of the app's one <c>Logs</c> class.</summary>
internal static partial class Logs
{
    [LoggerMessage(950, LogLevel.Information, "High-risk alert {AlertId} for {ServerId} ({DedupKey}): {Outcome}")]
    public static partial void HighRiskAlertPublished(ILogger logger, string alertId, string? serverId, string dedupKey, Domain.Alerts.AlertPublishOutcome outcome);

    [LoggerMessage(951, LogLevel.Information, "Migration alert {AlertId} ({Kind}) for {MigrationId}: {Outcome}")]
    public static partial void MigrationAlertPublished(ILogger logger, string alertId, Domain.Alerts.AlertKind kind, string? migrationId, Domain.Alerts.AlertPublishOutcome outcome);

    [LoggerMessage(952, LogLevel.Error, "Alert {AlertId} could not be published; the work it reports on goes on without it")]
    public static partial void AlertPublishFailed(ILogger logger, Exception exception, string alertId);
}
