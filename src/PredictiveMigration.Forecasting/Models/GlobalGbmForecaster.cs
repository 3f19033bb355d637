using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>The global model behind <see cref="IForecaster"/>: fitting binds the series (training happened across the fleet).</summary>
public sealed class GlobalGbmForecaster(GlobalGbmModel model) : IForecaster
{
    public const string ModelName = "global_gbm";

    public string Name => ModelName;

    public GlobalGbmModel Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    public IFittedForecaster Fit(PreparedSeries series, int trainEnd)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new Fitted(Model, series);
    }

    private sealed class Fitted(GlobalGbmModel model, PreparedSeries series) : IFittedForecaster
    {
        public string Name => ModelName;

        public void Forecast(int origin, Span<double> destination) => model.Forecast(series, [origin], destination.Length)[0].CopyTo(destination);

        public double[][] ForecastMany(IReadOnlyList<int> origins, int steps) => model.Forecast(series, origins, steps);
    }
}
