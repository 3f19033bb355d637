using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Forecasting.Models;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Intervals;

/// <summary>
/// A forecaster with split-conformal intervals for production use: the model is fitted on the history minus a
/// calibration tail, its signed residuals per horizon step on that tail become the <see cref="ResidualWindow"/>s, and
/// the forecast is made from the last point. Series shorter than a calibration tail get no intervals (point = band).
/// </summary>
public sealed class CalibratedForecast
{
    private readonly ResidualWindow[] _windows;

    private CalibratedForecast(PreparedSeries series, IFittedForecaster fitted, ResidualWindow[] windows)
    {
        Series = series;
        Fitted = fitted;
        _windows = windows;
    }

    public PreparedSeries Series { get; }

    public IFittedForecaster Fitted { get; }

    /// <summary>Fits and calibrates. Throws <see cref="ArgumentException"/> for an empty series or a non-positive horizon.</summary>
    public static CalibratedForecast Create(IForecaster forecaster, PreparedSeries series, int steps, int calibrationOrigins = 576)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0)
        {
            throw new ArgumentException("cannot forecast an empty series", nameof(series));
        }

        if (steps <= 0)
        {
            throw new ArgumentException("the horizon must be at least one step", nameof(steps));
        }

        var calibStart = series.Length - calibrationOrigins - steps;
        var windows = new ResidualWindow[steps];
        if (calibStart < Math.Max(3, series.StepsPerDay / 4))
        {
            for (var h = 0; h < steps; h++)
            {
                windows[h] = new ResidualWindow();
            }

            return new CalibratedForecast(series, forecaster.Fit(series, series.Length), windows);
        }

        var calibration = forecaster.Fit(series, calibStart);
        var origins = Enumerable.Range(calibStart - 1, series.Length - calibStart).ToList();
        var f = calibration.ForecastMany(origins, steps);
        for (var h = 1; h <= steps; h++)
        {
            var residuals = new List<double>(origins.Count);
            for (var k = 0; k < origins.Count; k++)
            {
                var t = origins[k] + h;
                if (t < series.Length && series.Observed[t])
                {
                    residuals.Add(series.Values[t] - f[k][h - 1]);
                }
            }

            windows[h - 1] = new ResidualWindow(residuals);
        }

        return new CalibratedForecast(series, forecaster.Fit(series, series.Length), windows);
    }

    /// <summary>The forecast from the last point with 80/90/95 % intervals (clipped to 0..100 for percent series).</summary>
    public ResourceForecast Forecast(ResourceKind resource, string unit)
    {
        var steps = _windows.Length;
        var point = new double[steps];
        Fitted.Forecast(Series.Length - 1, point);
        var points = new ForecastPoint[steps];
        for (var h = 0; h < steps; h++)
        {
            var (l80, u80) = Clip(_windows[h].Interval(point[h], 0.8));
            var (l90, u90) = Clip(_windows[h].Interval(point[h], 0.9));
            var (l95, u95) = Clip(_windows[h].Interval(point[h], 0.95));
            points[h] = new ForecastPoint(Series.TimeAt(Series.Length + h), point[h], l80, u80, l90, u90, l95, u95);
        }

        return new ResourceForecast(resource, unit, Series.TimeAt(Series.Length - 1), Series.Step, Fitted.Name, points);
    }

    /// <summary>Per step, the probability that the actual value is at or above <paramref name="threshold"/>.</summary>
    public IReadOnlyList<double> ExceedanceProbability(ResourceForecast forecast, double threshold)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        return forecast.Points.Select((p, h) => _windows[h].ProbabilityAtLeast(p.Value, threshold)).ToList();
    }

    /// <summary>Least-squares trend of the last hour, in series units per hour.</summary>
    public double TrendPerHour()
    {
        var perHour = Math.Max(2, (int)(TimeSpan.FromHours(1).Ticks / Series.Step.Ticks));
        var from = Math.Max(0, Series.Length - perHour);
        return Stats.Slope(Series.Values.AsSpan(from)) * perHour;
    }

    private (double, double) Clip((double Lower, double Upper) band) =>
        Series.IsPercent ? (Math.Clamp(band.Lower, 0, 100), Math.Clamp(band.Upper, 0, 100)) : (Math.Max(0, band.Lower), band.Upper);
}
