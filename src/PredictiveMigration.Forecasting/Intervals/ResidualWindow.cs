namespace PredictiveMigration.Forecasting.Intervals;

/// <summary>
/// Split-conformal intervals from out-of-sample signed residuals (actual − forecast) of one model at one horizon
/// step. The interval at level <c>l</c> is <c>[f + q((1−l)/2), f + q((1+l)/2)]</c> of the residuals, so skewed
/// errors (CPU spikes upward) give asymmetric bands; the same residuals give the probability of crossing a threshold.
/// </summary>
public sealed class ResidualWindow
{
    private double[] _sorted = [];

    public ResidualWindow()
    {
    }

    public ResidualWindow(IEnumerable<double> residuals) => Reset(residuals);

    public int Count => _sorted.Length;

    /// <summary>Replaces the residuals (finite values only).</summary>
    public void Reset(IEnumerable<double> residuals)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        _sorted = residuals.Where(double.IsFinite).ToArray();
        Array.Sort(_sorted);
    }

    /// <summary>Lower and upper bound around <paramref name="point"/> at <paramref name="level"/> (e.g. 0.9); the point itself when there are no residuals yet.</summary>
    public (double Lower, double Upper) Interval(double point, double level)
    {
        if (_sorted.Length == 0)
        {
            return (point, point);
        }

        var n = _sorted.Length;
        // Finite-sample conformal correction: the ceil((n+1)(1-a))-th order statistic, expressed as a quantile of n.
        var adj = Math.Min(1, level * (n + 1) / n);
        return (point + Stats.QuantileSorted(_sorted, (1 - adj) / 2), point + Stats.QuantileSorted(_sorted, (1 + adj) / 2));
    }

    /// <summary>Residual quantile <paramref name="q"/> (0..1).</summary>
    public double Quantile(double q) => _sorted.Length == 0 ? 0 : Stats.QuantileSorted(_sorted, q);

    /// <summary>Probability that the actual value reaches <paramref name="threshold"/> given the point forecast: the share of residuals with point + r ≥ threshold.</summary>
    public double ProbabilityAtLeast(double point, double threshold)
    {
        if (_sorted.Length == 0)
        {
            return point >= threshold ? 1 : 0;
        }

        var need = threshold - point;
        var index = Array.BinarySearch(_sorted, need);
        if (index < 0)
        {
            index = ~index;
        }
        else
        {
            while (index > 0 && _sorted[index - 1] >= need)
            {
                index--;
            }
        }

        return (double)(_sorted.Length - index) / _sorted.Length;
    }
}
