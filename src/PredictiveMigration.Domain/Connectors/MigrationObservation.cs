namespace PredictiveMigration.Domain.Connectors;

/// <summary>A past migration's transfer, what the transfer-rate model learns from.</summary>
/// <param name="MigrationId">The migration (the observation's idempotency key).</param>
/// <param name="SourceRegion">Where its data was.</param>
/// <param name="StartedAt">When the copy started (hour of day and day of week are read in UTC).</param>
/// <param name="DataBytes">Bytes copied.</param>
/// <param name="Duration">How long the copy took.</param>
/// <param name="Succeeded">Whether it completed; failed transfers count towards the failure rate, not the rate.</param>
public sealed record MigrationObservation(
    string MigrationId,
    string SourceRegion,
    DateTimeOffset StartedAt,
    long DataBytes,
    TimeSpan Duration,
    bool Succeeded)
{
    /// <summary>Observed rate in MB/s (10^6 bytes per second); NaN when bytes or duration are not positive.</summary>
    public double RateMBps => DataBytes > 0 && Duration > TimeSpan.Zero ? DataBytes / 1e6 / Duration.TotalSeconds : double.NaN;
}
