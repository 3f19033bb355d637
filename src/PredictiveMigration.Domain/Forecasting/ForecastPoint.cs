namespace PredictiveMigration.Domain.Forecasting;

/// <summary>
/// One step of a forecast: the point value (a median-oriented forecast) and the 80/90/95 % prediction intervals,
/// in the unit of the forecast series (percent of capacity for CPU and memory).
/// </summary>
public sealed record ForecastPoint(
    DateTimeOffset Time,
    double Value,
    double Lower80,
    double Upper80,
    double Lower90,
    double Upper90,
    double Lower95,
    double Upper95);
