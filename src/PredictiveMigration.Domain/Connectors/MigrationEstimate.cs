namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// One migration as the forecast sees it: where its connectors go, when it starts, how long it may take (its window:
/// deadline and SLA), and how long it is expected to take, with bounds.
/// </summary>
/// <param name="ConnectorRegion">Where its connector runs; null when no connector region is within reach.</param>
/// <param name="Window">From <paramref name="Start"/>, the time it may take: min(deadline, start + max transfer time) − start.</param>
/// <param name="ExpectedDowntime">The final delta at the pessimistic rate (zero when the delta is unknown).</param>
public sealed record MigrationEstimate(
    string MigrationId,
    string SourceRegion,
    string? ConnectorRegion,
    double LatencyMs,
    long DataBytes,
    double Probability,
    DateTimeOffset Start,
    TimeSpan Window,
    TimeSpan ExpectedDuration,
    TimeSpan LowerDuration,
    TimeSpan UpperDuration,
    TimeSpan ExpectedDowntime,
    TransferRateEstimate Rate)
{
    /// <summary>The rate it must average to fit its window, MB/s (infinite when the window is empty).</summary>
    public double RequiredMBps => Window > TimeSpan.Zero ? DataBytes / 1e6 / Window.TotalSeconds : double.PositiveInfinity;
}
