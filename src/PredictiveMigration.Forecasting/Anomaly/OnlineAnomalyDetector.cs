using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Anomaly;

/// <summary>
/// Online anomaly detection on forecast residuals. At each observed point t, using only points before it:
/// the forecast is the median of the previous hour; the surprise is the larger of the residual and the level shift
/// (median of the last hour against the median of the history), both in robust standard deviations of the history;
/// the score is the rank of that surprise among the surprises of the last week (0..1). An alert needs a score of at
/// least <see cref="AnomalyOptions.AlertScore"/>, a surprise of at least <see cref="AnomalyOptions.MinimumSurprise"/>,
/// and no alert within the refractory period.
/// </summary>
public sealed class OnlineAnomalyDetector(AnomalyOptions options)
{
    public AnomalyOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public AnomalyResult Run(PreparedSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var v = series.Values;
        var n = v.Length;
        var scores = new double[n];
        Array.Fill(scores, double.NaN);
        var residuals = new double[n];
        var surprises = new double[n];
        Array.Fill(surprises, double.NaN);
        var alerts = new List<int>();
        var lastAlert = int.MinValue / 2;
        var w = Options.ForecastWindow;
        var history = Options.HistoryWindow;
        var scratch = new List<double>(history);
        for (var t = 0; t < n; t++)
        {
            var from = Math.Max(0, t - w);
            residuals[t] = t == 0 ? 0 : v[t] - Stats.Median(v.AsSpan(from, t - from));
            if (t < Options.WarmUp || !series.Observed[t])
            {
                continue;
            }

            var hFrom = Math.Max(0, t - history);
            var residualScale = RobustScale(residuals.AsSpan(hFrom, t - hFrom), scratch);
            var levelScale = RobustScale(v.AsSpan(hFrom, t - hFrom), scratch);
            var z = Math.Abs(residuals[t]) / residualScale;
            var recent = Stats.Median(v.AsSpan(t - w + 1, w));
            var past = Stats.Median(v.AsSpan(hFrom, Math.Max(1, t - w + 1 - hFrom)));
            var shift = Math.Abs(recent - past) / levelScale;
            var surprise = Math.Max(z, shift);
            surprises[t] = surprise;

            var below = 0;
            var total = 0;
            for (var j = hFrom; j < t; j++)
            {
                if (double.IsFinite(surprises[j]))
                {
                    total++;
                    below += surprises[j] < surprise ? 1 : 0;
                }
            }

            var score = total == 0 ? 0 : (double)below / total;
            scores[t] = score;
            if (score >= Options.AlertScore && surprise >= Options.MinimumSurprise && t - lastAlert >= Options.Refractory)
            {
                alerts.Add(t);
                lastAlert = t;
            }
        }

        return new AnomalyResult(scores, alerts);
    }

    /// <summary>1.4826 x median absolute deviation, floored so a flat history does not make every change infinite.</summary>
    private static double RobustScale(ReadOnlySpan<double> values, List<double> scratch)
    {
        var median = Stats.Median(values);
        scratch.Clear();
        foreach (var x in values)
        {
            scratch.Add(Math.Abs(x - median));
        }

        var mad = Stats.Median(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scratch));
        return Math.Max(1.4826 * mad, Math.Max(1e-6, 0.01 * Math.Abs(median)));
    }
}
