namespace PredictiveMigration.Domain.Cloud;

/// <summary>
/// An expected failure of a cloud call, as a value: ARM's error code and message, the HTTP status, how long the cloud
/// asked us to wait, and whether trying again later can succeed (throttling, 5xx, capacity) or not (quota, bad input).
/// </summary>
public sealed record CloudFailure(string Code, string Message, int Status, TimeSpan? RetryAfter, bool Transient)
{
    public override string ToString() => $"{Code} ({Status}): {Message}";
}
