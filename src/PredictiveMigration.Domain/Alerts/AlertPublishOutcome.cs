namespace PredictiveMigration.Domain.Alerts;

/// <summary>What publishing did with an alert. None of these is an error: publishing never fails because a receiver is down.</summary>
public enum AlertPublishOutcome
{
    /// <summary>Written to the outbox for at least one subscription; delivery follows in the background.</summary>
    Enqueued = 0,

    /// <summary>An alert with the same dedup key was accepted within the de-duplication window: not delivered again.</summary>
    Duplicate = 1,

    /// <summary>Every subscription that wanted it was over its rate limit (or the server over its high-risk cap); counted for the summary.</summary>
    Suppressed = 2,

    /// <summary>No subscription wants this kind or severity. The alert is still in the alert log.</summary>
    NoSubscriber = 3,
}
