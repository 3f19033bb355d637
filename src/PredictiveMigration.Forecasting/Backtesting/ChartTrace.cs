namespace PredictiveMigration.Forecasting.Backtesting;

/// <summary>For charts: actual values over the test part and the selected model's forecast made one horizon earlier, with its 90 % band (NaN where none).</summary>
public sealed record ChartTrace(DateTimeOffset Start, TimeSpan Step, double[] Actual, double[] Forecast, double[] Lower90, double[] Upper90, double? Threshold);
