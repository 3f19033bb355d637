using PredictiveMigration.Forecasting.Models;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Clustering;

/// <summary>
/// Cold start: a server with less than a day of history borrows its cluster's daily shape. The forecast is the median
/// of its last hour plus the centroid's change from now to the target hour, scaled by the server's own variability
/// (standard deviation of what it has, at least 1 % of its level).
/// </summary>
public sealed class ClusterShapeForecaster(float[] centroid) : IForecaster
{
    public const string ModelName = "cluster_shape";

    public string Name => ModelName;

    public IFittedForecaster Fit(PreparedSeries series, int trainEnd)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new Fitted(series, centroid);
    }

    private sealed class Fitted(PreparedSeries series, float[] centroid) : IFittedForecaster
    {
        public string Name => ModelName;

        public void Forecast(int origin, Span<double> destination)
        {
            var v = series.Values;
            var hour = Math.Max(1, series.StepsPerDay / 24);
            var from = Math.Max(0, origin - hour + 1);
            var level = Stats.Median(v.AsSpan(from, origin - from + 1));
            var all = Stats.Moments(v.AsSpan(0, origin + 1));
            var scale = Math.Max(all.Std, 0.01 * Math.Abs(level));
            var now = centroid[series.TimeAt(origin).Hour];
            for (var h = 1; h <= destination.Length; h++)
            {
                var value = level + ((centroid[series.TimeAt(origin + h).Hour] - now) * scale);
                destination[h - 1] = series.IsPercent ? Math.Clamp(value, 0, 100) : Math.Max(0, value);
            }
        }
    }
}
