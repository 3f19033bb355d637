namespace PredictiveMigration.Durable;

/// <summary>
/// Retries for activities and sub-orchestrations. The wait before retry <c>k</c> (1-based) is
/// <c>FirstRetryInterval × BackoffCoefficient^(k−1)</c>, capped at <see cref="MaxRetryInterval"/>, and is a
/// durable timer, so it survives restarts and replays deterministically.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="maxNumberOfAttempts">Total attempts including the first; at least 1.</param>
    /// <param name="firstRetryInterval">The wait before the first retry; more than zero.</param>
    /// <param name="backoffCoefficient">Growth factor of the wait; at least 1 (default 1: a fixed interval).</param>
    /// <param name="maxRetryInterval">The longest wait (default one hour); not less than <paramref name="firstRetryInterval"/>.</param>
    /// <param name="retryTimeout">Stop retrying once this much time has passed since the first attempt (default: never).</param>
    /// <param name="handle">Which failures to retry (default: all).</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null,
        Func<TaskFailureInfo, bool>? handle = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        TimeSpan max = maxRetryInterval ?? TimeSpan.FromHours(1);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, firstRetryInterval, nameof(maxRetryInterval));
        TimeSpan timeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(retryTimeout));
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = max;
        RetryTimeout = timeout;
        Handle = handle ?? (static _ => true);
    }

    /// <summary>Total attempts including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>The wait before the first retry.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Growth factor of the wait.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Overall retry budget measured from the first attempt; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Returns whether a failure should be retried.</summary>
    public Func<TaskFailureInfo, bool> Handle { get; }

    /// <summary>The wait before retry number <paramref name="retryNumber"/> (1 = the first retry).</summary>
    /// <param name="retryNumber">1-based retry number.</param>
    /// <returns>The delay, capped at <see cref="MaxRetryInterval"/>.</returns>
    public TimeSpan GetDelay(int retryNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        double milliseconds = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, retryNumber - 1);
        return milliseconds >= MaxRetryInterval.TotalMilliseconds
            ? MaxRetryInterval
            : TimeSpan.FromMilliseconds(milliseconds);
    }
}
