namespace PredictiveMigration.Agent.Sampling;

/// <summary>Deltas of cumulative kernel counters.</summary>
public static class CounterMath
{
    /// <summary>The increase from <paramref name="previous"/> to <paramref name="current"/>; 0 when the counter wrapped or was reset.</summary>
    public static ulong Delta(ulong previous, ulong current) => current >= previous ? current - previous : 0;

    /// <summary>The increase per second over <paramref name="elapsed"/>; 0 for a wrapped counter or an empty interval.</summary>
    public static double Rate(ulong previous, ulong current, TimeSpan elapsed) =>
        elapsed > TimeSpan.Zero ? Delta(previous, current) / elapsed.TotalSeconds : 0;
}
