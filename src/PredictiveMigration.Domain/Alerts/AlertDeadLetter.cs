namespace PredictiveMigration.Domain.Alerts;

/// <summary>A delivery that was given up, kept for inspection.</summary>
/// <param name="DeliveryId">The delivery's id (also sent as the <c>Idempotency-Key</c> header).</param>
/// <param name="Subscription">The subscription it was for.</param>
/// <param name="Alert">The alert.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="DeadLetteredAt">When it was given up.</param>
/// <param name="Reason">Why, in plain words: the last error and the rule that stopped retrying.</param>
/// <param name="LastStatusCode">The last HTTP status received, if any.</param>
public sealed record AlertDeadLetter(
    string DeliveryId,
    string Subscription,
    Alert Alert,
    int Attempts,
    DateTimeOffset DeadLetteredAt,
    string Reason,
    int? LastStatusCode);
