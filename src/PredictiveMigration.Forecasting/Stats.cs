namespace PredictiveMigration.Forecasting;

/// <summary>Small numeric helpers shared by the models (allocation-light, no packages).</summary>
internal static class Stats
{
    public static double Median(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        Span<double> copy = values.Length <= 512 ? stackalloc double[values.Length] : new double[values.Length];
        values.CopyTo(copy);
        copy.Sort();
        var mid = copy.Length / 2;
        return copy.Length % 2 == 1 ? copy[mid] : 0.5 * (copy[mid - 1] + copy[mid]);
    }

    /// <summary>Quantile of sorted values with linear interpolation (type 7).</summary>
    public static double QuantileSorted(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var pos = Math.Clamp(q, 0, 1) * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((pos - lo) * (sorted[hi] - sorted[lo]));
    }

    public static (double Mean, double Std, double Min, double Max) Moments(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return (double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double sum = 0, sq = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            sum += v;
            sq += v * v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var mean = sum / values.Length;
        return (mean, Math.Sqrt(Math.Max(0, (sq / values.Length) - (mean * mean))), min, max);
    }

    /// <summary>Least-squares slope per step of the values against their index.</summary>
    public static double Slope(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n < 2)
        {
            return 0;
        }

        var xMean = (n - 1) / 2.0;
        double yMean = 0;
        foreach (var v in values)
        {
            yMean += v;
        }

        yMean /= n;
        double num = 0, den = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = i - xMean;
            num += dx * (values[i] - yMean);
            den += dx * dx;
        }

        return num / den;
    }
}
