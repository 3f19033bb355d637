using System.Diagnostics.Metrics;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>Alerting instruments on the product's one meter, <c>PredictiveMigration</c>.</summary>
internal static class AlertMetrics
{
    private static readonly Meter Meter = new("PredictiveMigration");

    public static readonly Counter<long> Published = Meter.CreateCounter<long>("pm.alerts.published", "{alert}", "Alerts accepted for delivery or logging");

    public static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("pm.alerts.duplicates", "{alert}", "Alerts dropped by de-duplication");

    public static readonly Counter<long> Suppressed = Meter.CreateCounter<long>("pm.alerts.suppressed", "{delivery}", "Deliveries held back by throttling");

    public static readonly Counter<long> Delivered = Meter.CreateCounter<long>("pm.alerts.delivered", "{delivery}", "Deliveries a receiver accepted");

    public static readonly Counter<long> FailedAttempts = Meter.CreateCounter<long>("pm.alerts.failed_attempts", "{attempt}", "HTTP attempts that failed and will be retried");

    public static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("pm.alerts.dead_lettered", "{delivery}", "Deliveries given up");
}
