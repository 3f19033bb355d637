using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>
/// A forecasting method. <see cref="Fit"/> learns from the first <c>trainEnd</c> points of a series; the result
/// forecasts from any origin, reading only values at or before that origin (so a backtest can roll the origin forward
/// without refitting and without looking ahead).
/// </summary>
public interface IForecaster
{
    /// <summary>Stable name used in reports and JSON, e.g. <c>naive</c>, <c>seasonal_naive</c>.</summary>
    string Name { get; }

    IFittedForecaster Fit(PreparedSeries series, int trainEnd);
}
