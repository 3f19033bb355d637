namespace PredictiveMigration.Domain.Forecasting;

/// <summary>
/// The risk of one resource within one configured horizon (e.g. 1 h, 6 h, 24 h): the same rule as
/// <see cref="ResourceRisk"/>, applied to the forecast points up to <paramref name="Horizon"/>.
/// </summary>
public sealed record HorizonRisk(TimeSpan Horizon, ResourceRisk Risk);
