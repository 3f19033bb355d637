using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>Seasonal naive: the value one period earlier (daily or weekly, detected by autocorrelation on the training part).</summary>
public sealed class SeasonalNaiveForecaster : IForecaster
{
    public const string ModelName = "seasonal_naive";

    public string Name => ModelName;

    public IFittedForecaster Fit(PreparedSeries series, int trainEnd)
    {
        ArgumentNullException.ThrowIfNull(series);
        var period = SeasonalityDetector.DetectPeriod(series.Values.AsSpan(0, Math.Clamp(trainEnd, 0, series.Length)), series.StepsPerDay);
        return new Fitted(series.Values, period);
    }

    internal sealed class Fitted(double[] values, int period) : IFittedForecaster
    {
        public string Name => ModelName;

        public int Period => period;

        public void Forecast(int origin, Span<double> destination)
        {
            for (var h = 1; h <= destination.Length; h++)
            {
                var back = origin + h - (period * (((h - 1) / period) + 1));
                // Fallback before one full period of history: persistence.
                destination[h - 1] = back >= 0 ? values[back] : values[origin];
            }
        }
    }
}
