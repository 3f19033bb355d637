using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Service;

/// <summary>Small helpers of the pipeline: the series scale that normalises residuals, and the recent trend.</summary>
internal static class SeriesMath
{
    /// <summary>
    /// Scale of a series at an origin: the standard deviation of its last day, floored (0.5 points for percentages,
    /// 0.1 % of the level otherwise), the same rule the global model normalises its features with. Residuals divided by
    /// it transfer between servers of different volatility (normalised conformal intervals).
    /// </summary>
    public static double Scale(PreparedSeries series, int origin)
    {
        var from = Math.Max(0, origin - series.StepsPerDay + 1);
        double sum = 0, sq = 0;
        var n = origin - from + 1;
        for (var i = from; i <= origin; i++)
        {
            sum += series.Values[i];
        }

        var mean = sum / n;
        for (var i = from; i <= origin; i++)
        {
            var d = series.Values[i] - mean;
            sq += d * d;
        }

        var std = Math.Sqrt(sq / n);
        var floor = series.IsPercent ? 0.5 : Math.Max(1e-6, 1e-3 * Math.Abs(mean));
        return Math.Max(std, floor);
    }

    /// <summary>Least-squares slope of the last hour up to <paramref name="origin"/>, per hour.</summary>
    public static double TrendPerHour(PreparedSeries series, int origin, int stepsPerHour)
    {
        var from = Math.Max(0, origin - stepsPerHour + 1);
        var n = origin - from + 1;
        if (n < 2)
        {
            return 0;
        }

        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var y = series.Values[from + i];
            sx += i;
            sy += y;
            sxx += (double)i * i;
            sxy += i * y;
        }

        var denominator = (n * sxx) - (sx * sx);
        return denominator == 0 ? 0 : ((n * sxy) - (sx * sy)) / denominator * stepsPerHour;
    }

    public static int ObservedCount(PreparedSeries series)
    {
        var count = 0;
        foreach (var o in series.Observed)
        {
            count += o ? 1 : 0;
        }

        return count;
    }

    /// <summary>Median of the values in [from, to] (inclusive), allocation-free for short windows.</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        Span<double> copy = values.Length <= 512 ? stackalloc double[values.Length] : new double[values.Length];
        values.CopyTo(copy);
        copy.Sort();
        var mid = copy.Length / 2;
        return copy.Length % 2 == 1 ? copy[mid] : (copy[mid - 1] + copy[mid]) / 2;
    }
}
