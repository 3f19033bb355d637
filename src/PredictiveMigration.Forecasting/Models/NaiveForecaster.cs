using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>Persistence: every future step equals the last value. Very strong for CPU at short horizons.</summary>
public sealed class NaiveForecaster : IForecaster
{
    public const string ModelName = "naive";

    public string Name => ModelName;

    public IFittedForecaster Fit(PreparedSeries series, int trainEnd)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new Fitted(series.Values);
    }

    private sealed class Fitted(double[] values) : IFittedForecaster
    {
        public string Name => ModelName;

        public void Forecast(int origin, Span<double> destination) => destination.Fill(values[origin]);
    }
}
