using PredictiveMigration.Domain.Forecasting;

namespace PredictiveMigration.Domain.Migrations;

/// <summary>
/// A server the forecasting side says should move (or a manual or failure-prediction request): the input the
/// migration controller turns into a decision. One open candidate per server; a newer one replaces it.
/// </summary>
/// <param name="ServerId">The server.</param>
/// <param name="DetectedAt">When the assessment behind it was made.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="RiskScore">The 0-100 risk score at detection.</param>
/// <param name="Resource">The resource expected to run out first; null for failure predictions and manual requests.</param>
/// <param name="ExpectedTimeToExhaustion">From <paramref name="DetectedAt"/>, when the median forecast crosses the threshold; null if it does not within the horizon.</param>
/// <param name="EarliestTimeToExhaustion">From <paramref name="DetectedAt"/>, when the upper bound crosses: the deadline to plan against.</param>
/// <param name="Reasons">The reasons in operator words.</param>
/// <param name="Profile">The predicted demand over time (for phased target sizing); null when no forecast exists.</param>
/// <param name="ModelVersion">The model version that produced the assessment.</param>
public sealed record MigrationCandidate(
    string ServerId,
    DateTimeOffset DetectedAt,
    CandidateSource Source,
    int RiskScore,
    ResourceKind? Resource,
    TimeSpan? ExpectedTimeToExhaustion,
    TimeSpan? EarliestTimeToExhaustion,
    IReadOnlyList<string> Reasons,
    PredictedResourceProfile? Profile,
    string ModelVersion);

/// <summary>Where a migration candidate came from.</summary>
public enum CandidateSource
{
    Forecast = 0,
    FailurePrediction = 1,
    Manual = 2,
}
