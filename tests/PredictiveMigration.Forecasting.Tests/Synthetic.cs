using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Tests;

/// <summary>Generated series for the tests (no data files).</summary>
internal static class Synthetic
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public const int Day = 288;

    /// <summary>level + trend·t + amplitude·sin(daily) + N(0, noise), on a 5-minute grid.</summary>
    public static PreparedSeries Make(int length, double level = 50, double amplitude = 0, double trendPerStep = 0, double noise = 0, int seed = 1, bool percent = true, Func<int, double>? extra = null, string id = "s")
    {
        var rng = new Random(seed);
        var values = new double[length];
        for (var t = 0; t < length; t++)
        {
            var v = level + (trendPerStep * t) + (amplitude * Math.Sin(2 * Math.PI * t / Day)) + (noise * Gaussian(rng)) + (extra?.Invoke(t) ?? 0);
            values[t] = percent ? Math.Clamp(v, 0, 100) : v;
        }

        return FromValues(values, percent, id);
    }

    public static PreparedSeries FromValues(double[] values, bool percent = true, string id = "s") =>
        new(id, "cpu", Start, TimeSpan.FromMinutes(5), values, Enumerable.Repeat(true, values.Length).ToArray(), null, SeriesArtefacts.None, percent);

    public static double Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Mean absolute error of forecasts over steps 1..h at every origin in [from, to).</summary>
    public static double Mae(PredictiveMigration.Forecasting.Models.IFittedForecaster fitted, PreparedSeries s, int from, int to, int h)
    {
        double sum = 0;
        var n = 0;
        var f = new double[h];
        for (var o = from; o < to && o + h < s.Length; o++)
        {
            fitted.Forecast(o, f);
            for (var k = 1; k <= h; k++)
            {
                sum += Math.Abs(s.Values[o + k] - f[k - 1]);
                n++;
            }
        }

        return sum / n;
    }
}
