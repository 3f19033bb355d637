namespace PredictiveMigration.Domain.Alerts;

/// <summary>The delivery of one alert to one subscription, as last recorded.</summary>
/// <param name="Subscription">The subscription name.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Attempts">HTTP attempts made so far.</param>
/// <param name="UpdatedAt">When this status was recorded.</param>
/// <param name="NextAttemptAt">For <see cref="AlertDeliveryState.Pending"/>: when the next attempt is due.</param>
/// <param name="LastError">The last failure in plain words (status code, timeout, refused connection), or the suppression reason.</param>
public sealed record AlertDeliveryStatus(
    string Subscription,
    AlertDeliveryState State,
    int Attempts,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextAttemptAt,
    string? LastError);
