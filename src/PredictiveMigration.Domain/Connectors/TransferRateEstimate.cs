namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// The rate a migration is expected to move at, in MB/s: pessimistic (<see cref="LowMBps"/>), median and optimistic,
/// with the failure rate of its size band and what the estimate rests on.
/// </summary>
/// <param name="Samples">Successful observations in the estimate's own cell (size band × hour of day).</param>
/// <param name="Basis">Operator words: which cell, and how much of it is the cell's own data.</param>
public sealed record TransferRateEstimate(double LowMBps, double MedianMBps, double HighMBps, double FailureRate, int Samples, string Basis)
{
    /// <summary>Bytes at the median rate.</summary>
    public TimeSpan ExpectedDuration(long bytes) => Seconds(bytes, MedianMBps, 1);

    /// <summary>Bytes at the pessimistic rate, plus one retry with the failure probability (×(1 + failure rate)).</summary>
    public TimeSpan UpperDuration(long bytes) => Seconds(bytes, LowMBps, 1 + FailureRate);

    /// <summary>Bytes at the optimistic rate.</summary>
    public TimeSpan LowerDuration(long bytes) => Seconds(bytes, HighMBps, 1);

    private static TimeSpan Seconds(long bytes, double rateMBps, double factor) =>
        TimeSpan.FromSeconds(Math.Ceiling(Math.Max(0, bytes) / 1e6 / rateMBps * factor));
}
