using System.Globalization;
using PredictiveMigration.Forecasting.Intervals;

namespace PredictiveMigration.Forecasting.Backtesting;

/// <summary>Running sums of one model's errors, mergeable across series.</summary>
internal sealed class ScoreAccumulator(IReadOnlyList<double> levels)
{
    private readonly long[] _covered = new long[levels.Count];
    private readonly double[] _width = new double[levels.Count];
    private double _abs;
    private double _smape;
    private double _naiveAbs;
    private double _seasonalAbs;
    private double _pinball;
    private long _count;

    public long Count => _count;

    public double Mae => _count == 0 ? double.NaN : _abs / _count;

    public void Add(double actual, double point, double naive, double seasonal, ReadOnlySpan<(double Lower, double Upper)> bands)
    {
        var err = Math.Abs(actual - point);
        _abs += err;
        var denom = Math.Abs(actual) + Math.Abs(point);
        _smape += denom == 0 ? 0 : 200 * err / denom;
        _naiveAbs += Math.Abs(actual - naive);
        _seasonalAbs += Math.Abs(actual - seasonal);
        var pin = PinballLoss.Of(actual, point, 0.5);
        for (var i = 0; i < bands.Length; i++)
        {
            var (lo, hi) = bands[i];
            if (actual >= lo && actual <= hi)
            {
                _covered[i]++;
            }

            _width[i] += hi - lo;
            pin += PinballLoss.Of(actual, lo, (1 - levels[i]) / 2) + PinballLoss.Of(actual, hi, (1 + levels[i]) / 2);
        }

        _pinball += pin / (1 + (2 * bands.Length));
        _count++;
    }

    public void Merge(ScoreAccumulator other)
    {
        _abs += other._abs;
        _smape += other._smape;
        _naiveAbs += other._naiveAbs;
        _seasonalAbs += other._seasonalAbs;
        _pinball += other._pinball;
        _count += other._count;
        for (var i = 0; i < _covered.Length; i++)
        {
            _covered[i] += other._covered[i];
            _width[i] += other._width[i];
        }
    }

    public ModelScores ToScores()
    {
        var n = Math.Max(1, _count);
        var coverage = new Dictionary<string, double>();
        var width = new Dictionary<string, double>();
        for (var i = 0; i < levels.Count; i++)
        {
            var key = Math.Round(levels[i] * 100).ToString(CultureInfo.InvariantCulture);
            coverage[key] = (double)_covered[i] / n;
            width[key] = _width[i] / n;
        }

        return new ModelScores(
            _abs / n,
            _smape / n,
            _naiveAbs == 0 ? (_abs == 0 ? 1 : double.PositiveInfinity) : _abs / _naiveAbs,
            _seasonalAbs == 0 ? (_abs == 0 ? 1 : double.PositiveInfinity) : _abs / _seasonalAbs,
            coverage,
            width,
            _pinball / n,
            _count);
    }
}
