namespace PredictiveMigration.Forecasting.Models;

/// <summary>A forecaster fitted to one series.</summary>
public interface IFittedForecaster
{
    string Name { get; }

    /// <summary>
    /// Writes the point forecasts for 1..<c>destination.Length</c> steps after <paramref name="origin"/> (the index of
    /// the last known point). Point forecasts aim at the median (MAE is the headline error).
    /// </summary>
    void Forecast(int origin, Span<double> destination);

    /// <summary>Forecasts from many origins at once (models that score in batches override this).</summary>
    double[][] ForecastMany(IReadOnlyList<int> origins, int steps)
    {
        ArgumentNullException.ThrowIfNull(origins);
        var result = new double[origins.Count][];
        for (var i = 0; i < origins.Count; i++)
        {
            result[i] = new double[steps];
            Forecast(origins[i], result[i]);
        }

        return result;
    }
}
