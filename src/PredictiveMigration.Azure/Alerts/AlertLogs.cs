using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>Log messages of alerting, source-generated. Event ids 9xx.</summary>
internal static partial class AlertLogs
{
    [LoggerMessage(900, LogLevel.Debug, "Alert {AlertId} is a duplicate of {DedupKey} inside the de-duplication window; not delivered again")]
    public static partial void AlertDuplicate(this ILogger logger, string alertId, string dedupKey);

    [LoggerMessage(901, LogLevel.Information, "Alert {AlertId} was held back from {Count} subscription(s) by throttling ({Reason}); it will be counted in the summary")]
    public static partial void AlertSuppressed(this ILogger logger, string alertId, int count, string reason);

    [LoggerMessage(902, LogLevel.Information, "Alert {AlertId} delivered to {Subscription} ({Host}) on attempt {Attempt}")]
    public static partial void AlertDelivered(this ILogger logger, string alertId, string subscription, string host, int attempt);

    [LoggerMessage(903, LogLevel.Warning, "Alert {AlertId} to {Subscription} ({Host}) failed on attempt {Attempt}: {Error}; retrying at {NextAttemptAt:O}")]
    public static partial void AlertRetrying(this ILogger logger, string alertId, string subscription, string host, int attempt, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(904, LogLevel.Error, "Alert {AlertId} to {Subscription} was given up after {Attempts} attempt(s): {Reason}. It is in the alert dead letters")]
    public static partial void AlertDeadLettered(this ILogger logger, string alertId, string subscription, int attempts, string reason);

    [LoggerMessage(905, LogLevel.Error, "An alert delivery pass failed; the next pass retries")]
    public static partial void DeliveryPassFailed(this ILogger logger, Exception exception);

    [LoggerMessage(906, LogLevel.Information, "Alert delivery started: {Count} subscription(s), polling every {PollInterval}")]
    public static partial void DeliveryStarted(this ILogger logger, int count, TimeSpan pollInterval);
}
