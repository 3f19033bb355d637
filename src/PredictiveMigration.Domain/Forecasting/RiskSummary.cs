namespace PredictiveMigration.Domain.Forecasting;

/// <summary>
/// The latest risk of one server in a few fields: what a fleet list sorted by score shows.
/// </summary>
/// <param name="TopResource">The resource with the highest score; null when no resource has any risk.</param>
/// <param name="TopReason">The first reason in operator words; null when there is none.</param>
public sealed record RiskSummary(
    string ServerId,
    DateTimeOffset AssessedAt,
    int Score,
    ResourceKind? TopResource,
    string? TopReason,
    string ModelVersion);
