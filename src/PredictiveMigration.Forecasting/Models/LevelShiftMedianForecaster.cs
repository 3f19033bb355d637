using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>
/// The robust current level for every step: the median of the points since the last level shift (at most
/// <see cref="LevelShift.MaxWindow"/>; see <see cref="LevelShift"/>). Right after a shift it is the last value
/// (persistence, which wins after CPU jumps on the Bitbrains trace); on a stable level it averages the noise out.
/// </summary>
public sealed class LevelShiftMedianForecaster : IForecaster
{
    public const string ModelName = "median_since_shift";

    public string Name => ModelName;

    public IFittedForecaster Fit(PreparedSeries series, int trainEnd)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new Fitted(series);
    }

    private sealed class Fitted(PreparedSeries series) : IFittedForecaster
    {
        public string Name => ModelName;

        public void Forecast(int origin, Span<double> destination)
        {
            var threshold = LevelShift.Threshold(series.Values, origin, series.StepsPerDay, series.IsPercent);
            destination.Fill(LevelShift.Level(series.Values, origin, threshold));
        }
    }
}
