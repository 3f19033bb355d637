using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>
/// Engineered features of the global model, all computed from values at or before the origin. Differences are taken
/// against the last value and divided by the series' scale (the standard deviation of the last day, floored), so one
/// model serves series of any level; the target is the scaled change from the model's anchor (<see cref="GbmAnchor"/>).
/// </summary>
internal static class FeatureBuilder
{
    public const int Count = 34;

    /// <summary>Normalised targets are clipped to ±3 scales: rare spikes then barely move the squared-loss fit, which stays near the median.</summary>
    public const float TargetClip = 3f;

    /// <summary>Names in slot order, for diagnostics and docs.</summary>
    public static readonly string[] Names =
    [
        "horizon", "level", "lag1", "lag2", "lag3", "lag6", "lag12", "median1h",
        "mean1h", "std1h", "min1h", "max1h", "mean6h", "std6h", "min6h", "max6h", "mean1d",
        "trend1h_at_h", "trend6h_at_h", "yesterday_delta", "yesterday_at_target", "lastweek_delta", "has_lastweek",
        "tod_sin", "tod_cos", "dow_sin", "dow_cos", "log_capacity", "cv1d", "observed1d",
        "level_since_shift", "log_steps_since_shift", "last_shift", "median3",
    ];

    /// <summary>How far back the last level shift is looked for (one day at 5 minutes).</summary>
    private const int ShiftLookBack = 288;

    /// <summary>One origin's features that do not depend on the horizon.</summary>
    public readonly record struct Origin(double Last, double Scale, double Median1h, (double Mean, double Std, double Min, double Max) Hour, (double Mean, double Std, double Min, double Max) SixHours, double MeanDay, double Slope1h, double Slope6h, double ObservedDay, double ShiftLevel, int StepsSinceShift, double LastShift, double Median3);

    /// <summary>Whether <paramref name="origin"/> has one day of history (the features need it).</summary>
    public static bool HasHistory(PreparedSeries series, int origin) => origin >= series.StepsPerDay;

    public static Origin AtOrigin(PreparedSeries series, int origin)
    {
        var v = series.Values;
        var day = series.StepsPerDay;
        var hour = Math.Max(2, day / 24);
        var dayFrom = Math.Max(0, origin - day + 1);
        var dayStats = Stats.Moments(v.AsSpan(dayFrom, origin - dayFrom + 1));
        var floor = series.IsPercent ? 0.5 : Math.Max(1e-6, 1e-3 * Math.Abs(dayStats.Mean));
        var scale = Math.Max(dayStats.Std, floor);
        var hFrom = Math.Max(0, origin - hour + 1);
        var sFrom = Math.Max(0, origin - (6 * hour) + 1);
        var observed = 0;
        for (var i = dayFrom; i <= origin; i++)
        {
            observed += series.Observed[i] ? 1 : 0;
        }

        var threshold = LevelShift.Threshold(v, origin, day, series.IsPercent);
        var since = LevelShift.StepsSince(v, origin, threshold, ShiftLookBack);
        var lastShift = origin - since - 1 >= 0 && since < ShiftLookBack ? v[origin - since] - v[origin - since - 1] : 0;
        var m3From = Math.Max(0, origin - 2);
        return new Origin(
            v[origin],
            scale,
            Stats.Median(v.AsSpan(hFrom, origin - hFrom + 1)),
            Stats.Moments(v.AsSpan(hFrom, origin - hFrom + 1)),
            Stats.Moments(v.AsSpan(sFrom, origin - sFrom + 1)),
            dayStats.Mean,
            Stats.Slope(v.AsSpan(hFrom, origin - hFrom + 1)),
            Stats.Slope(v.AsSpan(sFrom, origin - sFrom + 1)),
            (double)observed / (origin - dayFrom + 1),
            LevelShift.Level(v, origin, threshold),
            since,
            lastShift,
            Stats.Median(v.AsSpan(m3From, origin - m3From + 1)));
    }

    public static void Write(PreparedSeries series, int origin, int h, in Origin o, Span<float> f)
    {
        var v = series.Values;
        var day = series.StepsPerDay;
        var week = 7 * day;
        var last = o.Last;
        var s = o.Scale;
        double Lag(int k) => origin - k >= 0 ? (v[origin - k] - last) / s : 0;

        f[0] = h;
        f[1] = (float)(series.IsPercent ? last : last / (Math.Abs(o.MeanDay) + s));
        f[2] = (float)Lag(1);
        f[3] = (float)Lag(2);
        f[4] = (float)Lag(3);
        f[5] = (float)Lag(6);
        f[6] = (float)Lag(12);
        f[7] = (float)((o.Median1h - last) / s);
        f[8] = (float)((o.Hour.Mean - last) / s);
        f[9] = (float)(o.Hour.Std / s);
        f[10] = (float)((o.Hour.Min - last) / s);
        f[11] = (float)((o.Hour.Max - last) / s);
        f[12] = (float)((o.SixHours.Mean - last) / s);
        f[13] = (float)(o.SixHours.Std / s);
        f[14] = (float)((o.SixHours.Min - last) / s);
        f[15] = (float)((o.SixHours.Max - last) / s);
        f[16] = (float)((o.MeanDay - last) / s);
        f[17] = (float)(o.Slope1h * h / s);
        f[18] = (float)(o.Slope6h * h / s);
        var y = origin + h - day;
        var yBase = origin - day;
        f[19] = (float)(yBase >= 0 && y <= origin ? (SmoothAt(v, y, origin) - SmoothAt(v, yBase, origin)) / s : 0);
        f[20] = (float)(y >= 0 && y <= origin ? (SmoothAt(v, y, origin) - last) / s : 0);
        var w = origin + h - week;
        var wBase = origin - week;
        var hasWeek = wBase >= 0 && w <= origin;
        f[21] = hasWeek ? (float)((SmoothAt(v, w, origin) - SmoothAt(v, wBase, origin)) / s) : f[19];
        f[22] = hasWeek ? 1 : 0;
        var target = series.TimeAt(origin + h);
        var tod = target.TimeOfDay.TotalDays * 2 * Math.PI;
        var dow = (((int)target.DayOfWeek) + target.TimeOfDay.TotalDays) / 7 * 2 * Math.PI;
        f[23] = (float)Math.Sin(tod);
        f[24] = (float)Math.Cos(tod);
        f[25] = (float)Math.Sin(dow);
        f[26] = (float)Math.Cos(dow);
        var capacity = series.Capacity is { } c && double.IsFinite(c[origin]) && c[origin] > 0 ? Math.Log(c[origin]) : 0;
        f[27] = (float)capacity;
        f[28] = (float)(s / (Math.Abs(o.MeanDay) + 1e-9));
        f[29] = (float)o.ObservedDay;
        f[30] = (float)((o.ShiftLevel - last) / s);
        f[31] = (float)Math.Log(1 + o.StepsSinceShift);
        f[32] = (float)(o.LastShift / s);
        f[33] = (float)((o.Median3 - last) / s);
    }

    /// <summary>Mean of three points centred on <paramref name="i"/>, never reading past <paramref name="limit"/>.</summary>
    private static double SmoothAt(double[] v, int i, int limit)
    {
        double sum = 0;
        var n = 0;
        for (var k = Math.Max(0, i - 1); k <= Math.Min(limit, i + 1); k++)
        {
            sum += v[k];
            n++;
        }

        return sum / n;
    }
}
