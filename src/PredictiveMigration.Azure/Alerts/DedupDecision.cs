using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>What the de-duplication record says about an alert being published.</summary>
/// <param name="IsDuplicate">Another alert with the same dedup key is inside the window.</param>
/// <param name="PublishedAt">For a new (or resumed) alert: its publish time, fixed at first admission.</param>
/// <param name="Completed">For a re-publish of an alert that was fully published before: the first result.</param>
internal sealed record DedupDecision(bool IsDuplicate, DateTimeOffset PublishedAt, AlertPublishResult? Completed);
