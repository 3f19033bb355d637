namespace PredictiveMigration.Forecasting.Anomaly;

/// <summary>
/// Our reimplementation of the NAB "standard" profile (A_TP = 1, A_FP = 0.11, A_FN = 1). The first detection inside
/// a window earns <c>A_TP·σ(y)</c> with <c>σ(y) = 2/(1+e^{5y}) − 1</c> and y the position relative to the window end
/// (−1 at the start: ≈0.99; 0 at the end: 0); later detections in the same window earn nothing; a window without a
/// detection costs A_FN; a detection outside every window costs <c>A_FP·σ(y)</c> with y its distance after the
/// preceding window in window lengths (so it costs up to A_FP), or A_FP when no window precedes it. Detections in the
/// probationary period (the first 15 % of the file) are ignored, as in NAB.
/// </summary>
public static class NabScorer
{
    public const double TruePositiveWeight = 1.0;
    public const double FalsePositiveWeight = 0.11;
    public const double FalseNegativeWeight = 1.0;

    public static NabScore Score(int length, IReadOnlyList<(int Start, int End)> windows, IReadOnlyList<int> detections)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(detections);
        var probation = (int)Math.Min(0.15 * length, 750);
        var ordered = windows.OrderBy(w => w.Start).ToList();
        var hit = new bool[ordered.Count];
        double raw = 0;
        var falsePositives = 0;
        foreach (var d in detections.Where(d => d >= probation).Order())
        {
            var inside = ordered.FindIndex(w => d >= w.Start && d <= w.End);
            if (inside >= 0)
            {
                if (!hit[inside])
                {
                    var w = ordered[inside];
                    var y = (double)(d - w.End) / Math.Max(1, w.End - w.Start);
                    raw += TruePositiveWeight * Sigma(y);
                    hit[inside] = true;
                }

                continue;
            }

            falsePositives++;
            var previous = ordered.LastOrDefault(w => w.End < d);
            if (previous == default)
            {
                raw -= FalsePositiveWeight;
            }
            else
            {
                var y = (double)(d - previous.End) / Math.Max(1, previous.End - previous.Start);
                raw += FalsePositiveWeight * Sigma(y);
            }
        }

        raw -= FalseNegativeWeight * hit.Count(h => !h);
        var perfect = ordered.Sum(_ => TruePositiveWeight * Sigma(-1));
        var none = -FalseNegativeWeight * ordered.Count;
        return new NabScore(raw, none, perfect, ordered.Count, hit.Count(h => h), falsePositives);
    }

    /// <summary>NAB's scaled sigmoid: about 1 early in a window, 0 at its end, towards −1 after it.</summary>
    public static double Sigma(double y) => y > 3 ? -1 : (2 / (1 + Math.Exp(5 * y))) - 1;
}
