namespace PredictiveMigration.Domain.Alerts;

/// <summary>The result of <see cref="IAlertPublisher.PublishAsync"/>.</summary>
/// <param name="Outcome">What happened overall.</param>
/// <param name="Enqueued">Subscriptions it will be delivered to.</param>
/// <param name="Suppressed">Subscriptions that wanted it but were throttled.</param>
public sealed record AlertPublishResult(AlertPublishOutcome Outcome, IReadOnlyList<string> Enqueued, IReadOnlyList<string> Suppressed);
