namespace PredictiveMigration.Domain.Forecasting;

/// <summary>A forecast of one resource of one server from <paramref name="Origin"/> (the last observed interval) on a regular grid.</summary>
/// <param name="Unit">Unit of the values, e.g. "percent" (CPU, memory: of provisioned capacity) or "KB/s".</param>
/// <param name="Model">Name of the model that produced it, e.g. "global_gbm" or "seasonal_naive".</param>
public sealed record ResourceForecast(
    ResourceKind Resource,
    string Unit,
    DateTimeOffset Origin,
    TimeSpan Step,
    string Model,
    IReadOnlyList<ForecastPoint> Points);
