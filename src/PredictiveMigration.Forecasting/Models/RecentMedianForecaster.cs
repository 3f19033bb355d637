using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>The median of the last hour for every step: a robust level estimate that ignores single spikes.</summary>
public sealed class RecentMedianForecaster : IForecaster
{
    public const string ModelName = "median_1h";

    public string Name => ModelName;

    public IFittedForecaster Fit(PreparedSeries series, int trainEnd)
    {
        ArgumentNullException.ThrowIfNull(series);
        var window = Math.Max(1, (int)(TimeSpan.FromHours(1).Ticks / series.Step.Ticks));
        return new Fitted(series.Values, window);
    }

    private sealed class Fitted(double[] values, int window) : IFittedForecaster
    {
        public string Name => ModelName;

        public void Forecast(int origin, Span<double> destination)
        {
            var from = Math.Max(0, origin - window + 1);
            destination.Fill(Stats.Median(values.AsSpan(from, origin - from + 1)));
        }
    }
}
