using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>
/// Nearest-neighbour analogues of the server's own recent past: the last <see cref="WindowLength"/> points are
/// compared (sum of absolute differences) with every window of the same length in the last
/// <see cref="HistoryDays"/> days whose continuation is already known at the origin, and step h is forecast as the
/// median of what followed the <see cref="Neighbours"/> closest windows h steps later.
/// </summary>
/// <remarks>
/// It catches what the other models average away: a job that runs for 40 minutes and pauses for 15, over and over,
/// has no daily or weekly period, but its last half hour has happened many times in the week, and what followed is
/// the best guess of what follows now. The median of the continuations (not their mean) is what MAE rewards, and on a
/// bimodal server it stays on one of the two levels instead of forecasting the empty middle.
///
/// Settings were chosen on the calibration part of the Bitbrains backtest (never the test part), among window 4, 6
/// or 8 points, 10, 19, 20, 21 or 40 neighbours and one or two weeks of history: 6 points (30 minutes), 21 neighbours
/// and one week gave the lowest calibration MAE of the per-series choice for CPU (20 was a close second and best for
/// memory). An odd count makes the median one of the continuations: with an even count, a server whose neighbours
/// split between idle and busy got the midpoint between the two, a level it never sits at.
///
/// Fallback (documented): with fewer than <see cref="Neighbours"/> candidate windows (less than about an hour of
/// history beyond the horizon), the forecast is the last value. Ties between equally close windows keep the most
/// recent one. Gap-filled points are compared like observed ones (the grid fills gaps before any model sees them).
/// </remarks>
public sealed class AnalogForecaster : IForecaster
{
    public const string ModelName = "analog";

    public AnalogForecaster(int windowLength = 6, int neighbours = 21, int historyDays = 7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(historyDays, 1);
        WindowLength = windowLength;
        Neighbours = neighbours;
        HistoryDays = historyDays;
    }

    public string Name => ModelName;

    /// <summary>Points compared (6 = the last 30 minutes on a 5-minute grid).</summary>
    public int WindowLength { get; }

    /// <summary>Closest windows whose continuations are combined.</summary>
    public int Neighbours { get; }

    /// <summary>How far back candidate windows are searched.</summary>
    public int HistoryDays { get; }

    public IFittedForecaster Fit(PreparedSeries series, int trainEnd)
    {
        ArgumentNullException.ThrowIfNull(series);
        return new Fitted(this, series);
    }

    private sealed class Fitted(AnalogForecaster owner, PreparedSeries series) : IFittedForecaster
    {
        public string Name => ModelName;

        public void Forecast(int origin, Span<double> destination)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(origin);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(origin, series.Length);
            var v = series.Values;
            var steps = destination.Length;
            var length = owner.WindowLength;
            var k = owner.Neighbours;
            var first = Math.Max(length - 1, origin - (owner.HistoryDays * series.StepsPerDay));
            var last = origin - steps;
            if (steps == 0)
            {
                return;
            }

            if (last - first + 1 < k)
            {
                destination.Fill(v[origin]);
                return;
            }

            // The k closest window ends, kept sorted by distance (k is small: insertion beats a heap). Walking from
            // the most recent window backwards and replacing only on a strictly smaller distance keeps recent
            // windows on ties.
            Span<double> best = k <= 64 ? stackalloc double[k] : new double[k];
            Span<int> ends = k <= 64 ? stackalloc int[k] : new int[k];
            var found = 0;
            for (var j = last; j >= first; j--)
            {
                var bound = found == k ? best[k - 1] : double.MaxValue;
                var d = 0.0;
                for (var l = 0; l < length && d < bound; l++)
                {
                    d += Math.Abs(v[origin - l] - v[j - l]);
                }

                if (d >= bound)
                {
                    continue;
                }

                var at = found == k ? k - 1 : found++;
                while (at > 0 && best[at - 1] > d)
                {
                    best[at] = best[at - 1];
                    ends[at] = ends[at - 1];
                    at--;
                }

                best[at] = d;
                ends[at] = j;
            }

            Span<double> continuation = k <= 64 ? stackalloc double[k] : new double[k];
            for (var h = 1; h <= steps; h++)
            {
                for (var n = 0; n < k; n++)
                {
                    continuation[n] = v[ends[n] + h];
                }

                destination[h - 1] = Stats.Median(continuation);
            }
        }
    }
}
