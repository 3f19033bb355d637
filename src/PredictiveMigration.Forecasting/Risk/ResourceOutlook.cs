using PredictiveMigration.Domain.Forecasting;

namespace PredictiveMigration.Forecasting.Risk;

/// <summary>What the risk scorer needs about one resource: its forecast with intervals, its threshold, the probability per step of being at or above it, and the recent trend.</summary>
public sealed record ResourceOutlook(ResourceForecast Forecast, double Threshold, IReadOnlyList<double> ExceedanceProbability, double TrendPerHour);
