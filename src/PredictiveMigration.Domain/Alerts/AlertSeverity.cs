namespace PredictiveMigration.Domain.Alerts;

/// <summary>How urgent an alert is. Ordered: a subscription's minimum severity lets through that level and above.</summary>
public enum AlertSeverity
{
    Info = 0,
    Warning = 1,
    Critical = 2,
}
