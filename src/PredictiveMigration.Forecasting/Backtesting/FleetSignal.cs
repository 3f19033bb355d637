using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Backtesting;

/// <summary>
/// Leader-follower signal across series: some servers of a fleet start their jobs together (on Bitbrains Rnd the big
/// bimodal VMs rise within minutes of each other), so a sharp rise on one series announces an exhaustion event on
/// another. A <i>rise</i> is an increase of at least a third of the threshold within <see cref="RiseSteps"/> steps (at
/// most one per horizon). Series <c>i</c> <i>leads</i> series <c>j</c> with probability
/// <c>(hits + 0.5) / (rises + 1)</c>, where hits are the rises of <c>i</c> followed by an event onset of <c>j</c>
/// within one horizon, counted on the training parts of both series only (and with at least <see cref="MinRises"/>
/// rises). At an origin of <c>j</c> the signal is on when a leader (probability ≥ q) rose within the last
/// <see cref="RiseSteps"/> steps, by wall-clock time, so series need not share a start.
/// </summary>
internal sealed class FleetSignal
{
    /// <summary>A rise is measured over this many steps (15 minutes at 5 minutes).</summary>
    public const int RiseSteps = 3;

    /// <summary>Leaders need this many rises in their training part: fewer give no usable frequency.</summary>
    public const int MinRises = 3;

    private readonly IReadOnlyList<PreparedSeries> _series;
    private readonly List<long>[] _rises;
    private readonly double[,] _lead;

    private FleetSignal(IReadOnlyList<PreparedSeries> series, List<long>[] rises, double[,] lead)
    {
        _series = series;
        _rises = rises;
        _lead = lead;
    }

    /// <summary>Learns the leader probabilities from each series' points before its <paramref name="trainEnds"/> entry.</summary>
    public static FleetSignal Learn(IReadOnlyList<PreparedSeries> series, IReadOnlyList<int> trainEnds, IReadOnlyList<List<int>> onsets, double threshold, int horizon)
    {
        var n = series.Count;
        var rises = new List<long>[n];
        for (var i = 0; i < n; i++)
        {
            rises[i] = Rises(series[i], threshold / 3, horizon);
        }

        var lead = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            var trainEnd = series[i].TimeAt(trainEnds[i] - horizon).UtcTicks;
            var own = rises[i].Where(t => t < trainEnd).ToList();
            if (own.Count < MinRises)
            {
                continue;
            }

            for (var j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var limit = series[j].TimeAt(trainEnds[j]).UtcTicks;
                var events = onsets[j].Select(e => series[j].TimeAt(e).UtcTicks).Where(t => t < limit).ToList();
                var window = series[j].Step.Ticks * horizon;
                var hits = own.Count(t => events.Any(e => e > t && e <= t + window));
                lead[i, j] = (hits + 0.5) / (own.Count + 1);
            }
        }

        return new FleetSignal(series, rises, lead);
    }

    /// <summary>Per origin of series <paramref name="j"/>: whether a leader with probability ≥ <paramref name="q"/> rose within the last <see cref="RiseSteps"/> steps.</summary>
    public bool[] Active(int j, IReadOnlyList<int> origins, double q)
    {
        var leaders = Enumerable.Range(0, _series.Count).Where(i => i != j && _lead[i, j] >= q).ToList();
        var result = new bool[origins.Count];
        if (leaders.Count == 0)
        {
            return result;
        }

        var span = _series[j].Step.Ticks * RiseSteps;
        for (var k = 0; k < origins.Count; k++)
        {
            var now = _series[j].TimeAt(origins[k]).UtcTicks;
            result[k] = leaders.Any(i => _rises[i].Any(t => t <= now && t > now - span));
        }

        return result;
    }

    /// <summary>Times of the rises of one series (observed points only), at most one per horizon.</summary>
    private static List<long> Rises(PreparedSeries s, double size, int horizon)
    {
        var result = new List<long>();
        var last = int.MinValue / 2;
        for (var t = RiseSteps; t < s.Length; t++)
        {
            if (!s.Observed[t] || t - last < horizon)
            {
                continue;
            }

            var min = double.PositiveInfinity;
            for (var k = t - RiseSteps; k < t; k++)
            {
                min = Math.Min(min, s.Values[k]);
            }

            if (s.Values[t] - min >= size)
            {
                result.Add(s.TimeAt(t).UtcTicks);
                last = t;
            }
        }

        return result;
    }
}
