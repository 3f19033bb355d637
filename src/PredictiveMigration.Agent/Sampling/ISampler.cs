namespace PredictiveMigration.Agent.Sampling;

/// <summary>Takes one reading of the machine's resources.</summary>
public interface ISampler
{
    /// <summary>
    /// Returns the resources used since the previous call, or null when there is nothing to report yet
    /// (the first call only primes the counters) or the reading failed (already logged).
    /// </summary>
    ValueTask<ResourceSample?> SampleAsync(CancellationToken cancellationToken);
}
