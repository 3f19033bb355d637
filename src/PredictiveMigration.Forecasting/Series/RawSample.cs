namespace PredictiveMigration.Forecasting.Series;

/// <summary>One raw observation from a trace: Unix seconds, value, and provisioned capacity (NaN when unknown).</summary>
public readonly record struct RawSample(long UnixSeconds, double Value, double Capacity);
