namespace PredictiveMigration.Azure.Alerts;

/// <summary>The result of one HTTP attempt (expected failures are values).</summary>
/// <param name="Delivered">The receiver answered 2xx.</param>
/// <param name="Retryable">A failure worth retrying: timeout, connection error, 408, 429 or 5xx.</param>
/// <param name="StatusCode">The HTTP status, when there was an answer.</param>
/// <param name="Error">The failure in plain words.</param>
/// <param name="RetryAfter">The receiver's Retry-After on 429/503, if it sent one.</param>
internal sealed record DeliveryAttempt(bool Delivered, bool Retryable, int? StatusCode, string? Error, TimeSpan? RetryAfter);
