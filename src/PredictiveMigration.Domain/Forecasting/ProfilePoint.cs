namespace PredictiveMigration.Domain.Forecasting;

/// <summary>Predicted demand at one time: the expected (median) value and the upper bound to provision against (p90 by default).</summary>
public sealed record ProfilePoint(DateTimeOffset Time, ResourceDemand Expected, ResourceDemand Upper);
