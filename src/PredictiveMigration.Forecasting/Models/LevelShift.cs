namespace PredictiveMigration.Forecasting.Models;

/// <summary>
/// Level shifts in a series: a one-step change larger than <see cref="Multiplier"/> robust standard deviations of the
/// last day's one-step changes (1.4826 × their median absolute value), floored at 2 points for percentages (2 % of the
/// day's mean level otherwise). CPU on the Bitbrains trace switches between levels (idle, busy, saturated) and stays;
/// between shifts the values are noise around a level, which a median of the points since the shift estimates.
/// </summary>
internal static class LevelShift
{
    /// <summary>Robust standard deviations a change must exceed to count as a shift (chosen on the calibration part, 3 of 3..5).</summary>
    public const double Multiplier = 3;

    /// <summary>Points since the last shift that the robust level uses at most (40 minutes at 5 minutes; 5..12 did equally well).</summary>
    public const int MaxWindow = 8;

    /// <summary>The shift threshold at <paramref name="origin"/>, from the day before it.</summary>
    public static double Threshold(double[] values, int origin, int stepsPerDay, bool isPercent)
    {
        var from = Math.Max(1, origin - stepsPerDay + 1);
        var n = origin - from + 1;
        double level = 0;
        if (n <= 0)
        {
            return isPercent ? 2 : double.PositiveInfinity;
        }

        Span<double> changes = n <= 512 ? stackalloc double[n] : new double[n];
        for (var i = 0; i < n; i++)
        {
            changes[i] = Math.Abs(values[from + i] - values[from + i - 1]);
            level += Math.Abs(values[from + i]);
        }

        var floor = isPercent ? 2 : Math.Max(1e-9, 0.02 * level / n);
        return Math.Max(floor, Multiplier * 1.4826 * Stats.Median(changes));
    }

    /// <summary>Steps since the last shift at or before <paramref name="origin"/> (0 = the last step was a shift), at most <paramref name="cap"/>.</summary>
    public static int StepsSince(double[] values, int origin, double threshold, int cap)
    {
        var k = 0;
        while (k < cap && origin - k - 1 >= 0 && Math.Abs(values[origin - k] - values[origin - k - 1]) <= threshold)
        {
            k++;
        }

        return k;
    }

    /// <summary>Median of the points since the last shift (at most <paramref name="maxWindow"/>, at least the last point).</summary>
    public static double Level(double[] values, int origin, double threshold, int maxWindow = MaxWindow)
    {
        var length = 1 + StepsSince(values, origin, threshold, maxWindow - 1);
        return Stats.Median(values.AsSpan(origin - length + 1, length));
    }
}
