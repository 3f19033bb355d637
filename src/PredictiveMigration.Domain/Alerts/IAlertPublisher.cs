namespace PredictiveMigration.Domain.Alerts;

/// <summary>
/// Publishes operator alerts. Publishing only records the alert in a durable outbox (fast, no call to any receiver);
/// delivery, retries, de-duplication and throttling happen behind it. A receiver being down never makes this throw.
/// Publishing the same <see cref="Alert.Id"/> again (a retried activity) is harmless: it is delivered once.
/// </summary>
public interface IAlertPublisher
{
    /// <summary>Validates and enqueues the alert. Throws <see cref="ArgumentException"/> naming the field for an invalid
    /// alert; throws the storage error if the outbox itself cannot be written (the caller retries with the same alert).</summary>
    Task<AlertPublishResult> PublishAsync(Alert alert, CancellationToken cancellationToken);
}
