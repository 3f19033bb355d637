namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// Wakes an idle dispatcher early when this process has just sent it work, so a single-process backend does not wait
/// for its next poll. Other processes still find the work by polling.
/// </summary>
internal sealed class WakeUpSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Pulse()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits for a pulse or <paramref name="timeout"/> (real time).</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
