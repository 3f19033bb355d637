namespace PredictiveMigration.Sandbox.Tests.Traffic;

/// <summary>One request of the load: when it started and ended (Stopwatch ticks), its status (0 = no answer) and who answered.</summary>
internal sealed record LoadResult(long Started, long Ended, int Status, string? Backend, string? Error)
{
    public bool Ok => Status is >= 200 and < 300;
}
