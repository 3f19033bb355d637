namespace PredictiveMigration.Domain.Forecasting;

/// <summary>One assessment of a server in a "risk over time" chart: the score and each resource's probability of crossing its threshold.</summary>
public sealed record RiskHistoryPoint(
    DateTimeOffset AssessedAt,
    int Score,
    IReadOnlyDictionary<ResourceKind, double> Probability,
    string ModelVersion);
