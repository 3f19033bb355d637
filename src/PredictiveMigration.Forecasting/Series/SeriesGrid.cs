namespace PredictiveMigration.Forecasting.Series;

/// <summary>
/// Puts raw samples on a regular grid: each sample goes to the interval its timestamp floors to; several samples in
/// one interval (duplicate timestamps, finer sampling) are averaged; values above <c>cap</c> are capped and counted;
/// empty intervals are forward-filled and marked unobserved.
/// </summary>
public static class SeriesGrid
{
    /// <summary>Default grid: 5 minutes, the sampling interval of the traces and of the rollup queries the forecaster uses.</summary>
    public static readonly TimeSpan DefaultStep = TimeSpan.FromMinutes(5);

    /// <summary>Builds a series; throws <see cref="ArgumentException"/> with a clear message when nothing usable is left.</summary>
    public static PreparedSeries Build(string id, string metric, IEnumerable<RawSample> samples, TimeSpan step, double? cap, bool isPercent)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (step <= TimeSpan.Zero || step.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException("step must be a positive whole number of seconds", nameof(step));
        }

        var stepSeconds = (long)step.TotalSeconds;
        var valid = samples.Where(s => double.IsFinite(s.Value)).OrderBy(s => s.UnixSeconds).ToList();
        if (valid.Count == 0)
        {
            throw new ArgumentException($"series '{id}' ({metric}) has no finite values", nameof(samples));
        }

        var first = FloorDiv(valid[0].UnixSeconds, stepSeconds);
        var last = FloorDiv(valid[^1].UnixSeconds, stepSeconds);
        var count = checked((int)(last - first + 1));
        var sums = new double[count];
        var counts = new int[count];
        var capacity = new double[count];
        Array.Fill(capacity, double.NaN);
        int capped = 0, merged = 0, capacityChanges = 0;
        var lastCapacity = double.NaN;
        foreach (var s in valid)
        {
            var slot = (int)(FloorDiv(s.UnixSeconds, stepSeconds) - first);
            var value = s.Value;
            if (cap is { } c && value > c)
            {
                value = c;
                capped++;
            }

            if (value < 0)
            {
                value = 0;
                capped++;
            }

            if (counts[slot] > 0)
            {
                merged++;
            }

            sums[slot] += value;
            counts[slot]++;
            if (double.IsFinite(s.Capacity))
            {
                if (double.IsFinite(lastCapacity) && s.Capacity != lastCapacity)
                {
                    capacityChanges++;
                }

                lastCapacity = s.Capacity;
                capacity[slot] = s.Capacity;
            }
        }

        var values = new double[count];
        var observed = new bool[count];
        var gaps = 0;
        var firstValue = sums[0] / counts[0];
        var previous = firstValue;
        var previousCapacity = double.NaN;
        for (var i = 0; i < count; i++)
        {
            if (counts[i] > 0)
            {
                previous = sums[i] / counts[i];
                observed[i] = true;
            }
            else
            {
                gaps++;
            }

            values[i] = previous;
            if (double.IsFinite(capacity[i]))
            {
                previousCapacity = capacity[i];
            }
            else
            {
                capacity[i] = previousCapacity;
            }
        }

        var hasCapacity = double.IsFinite(lastCapacity);
        return new PreparedSeries(
            id,
            metric,
            DateTimeOffset.FromUnixTimeSeconds(first * stepSeconds),
            step,
            values,
            observed,
            hasCapacity ? capacity : null,
            new SeriesArtefacts(capped, merged, gaps, capacityChanges),
            isPercent);
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
