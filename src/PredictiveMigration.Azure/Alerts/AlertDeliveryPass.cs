namespace PredictiveMigration.Azure.Alerts;

/// <summary>What one delivery pass did.</summary>
/// <param name="Attempted">HTTP attempts made.</param>
/// <param name="Delivered">Deliveries the receiver accepted (2xx).</param>
/// <param name="Retrying">Failed attempts that will be retried later.</param>
/// <param name="DeadLettered">Deliveries given up.</param>
/// <param name="Summaries">Throttle summaries enqueued.</param>
public sealed record AlertDeliveryPass(int Attempted, int Delivered, int Retrying, int DeadLettered, int Summaries);
