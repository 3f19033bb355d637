namespace PredictiveMigration.Domain.Alerts;

/// <summary>An alert as the alerts view shows it: the alert, when it was published, and its delivery per subscription.</summary>
public sealed record AlertLogEntry(Alert Alert, DateTimeOffset PublishedAt, IReadOnlyList<AlertDeliveryStatus> Deliveries);
