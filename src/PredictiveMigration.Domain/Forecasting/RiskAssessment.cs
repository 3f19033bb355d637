namespace PredictiveMigration.Domain.Forecasting;

/// <summary>
/// The forecasting verdict on one server: a 0-100 score (see docs/forecasting.md for the rule), the predicted load
/// per resource with its intervals, per-resource risk, health signals, the reasons, and the model version that made it.
/// </summary>
public sealed record RiskAssessment(
    string ServerId,
    DateTimeOffset AssessedAt,
    int Score,
    IReadOnlyList<ResourceForecast> PredictedLoad,
    IReadOnlyList<ResourceRisk> Resources,
    HealthSignals Health,
    IReadOnlyList<RiskReason> Reasons,
    string ModelVersion);
