namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// The share of each synthetic <see cref="WorkloadKind"/> in the fleet (relative weights; they need not sum to 1).
/// Defaults: 35 % steady, 20 % growing, 15 % leaking, 15 % bursty, 15 % failing.
/// </summary>
public sealed class WorkloadMix
{
    public double Steady { get; set; } = 0.35;

    public double Growing { get; set; } = 0.20;

    public double Leaking { get; set; } = 0.15;

    public double Bursty { get; set; } = 0.15;

    public double Failing { get; set; } = 0.15;

    /// <summary>The number of servers of each kind for a fleet of <paramref name="servers"/> (largest remainders).</summary>
    public IReadOnlyList<(WorkloadKind Kind, int Count)> Allocate(int servers)
    {
        (WorkloadKind Kind, double Weight)[] weights =
        [
            (WorkloadKind.Steady, Steady), (WorkloadKind.Growing, Growing), (WorkloadKind.Leaking, Leaking),
            (WorkloadKind.Bursty, Bursty), (WorkloadKind.Failing, Failing),
        ];
        var total = weights.Sum(w => w.Weight);
        var exact = weights.Select(w => (w.Kind, Exact: servers * w.Weight / total)).ToArray();
        var counts = exact.Select(e => (e.Kind, Count: (int)Math.Floor(e.Exact), Remainder: e.Exact - Math.Floor(e.Exact))).ToArray();
        var missing = servers - counts.Sum(c => c.Count);
        foreach (var i in Enumerable.Range(0, counts.Length).OrderByDescending(i => counts[i].Remainder).ThenBy(i => i).Take(missing))
        {
            counts[i].Count++;
        }

        return [.. counts.Select(c => (c.Kind, c.Count))];
    }

    public void Validate()
    {
        double[] all = [Steady, Growing, Leaking, Bursty, Failing];
        if (all.Any(w => !double.IsFinite(w) || w < 0) || all.Sum() <= 0)
        {
            throw new InvalidOperationException("Fleet:Mix weights must be finite, not negative, and not all zero.");
        }
    }
}
