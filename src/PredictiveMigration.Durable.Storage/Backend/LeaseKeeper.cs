namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>Renews the invisibility of the messages being worked on, every third of the visibility timeout, until disposed.</summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LeaseKeeper(IReadOnlyList<MessageLease> leases, TimeSpan visibilityTimeout)
    {
        _loop = RenewAsync(leases, visibilityTimeout, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private static async Task RenewAsync(IReadOnlyList<MessageLease> leases, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        // Queue visibility is real time, whatever the orchestration clock does.
        TimeSpan period = visibilityTimeout / 3;
        while (true)
        {
            await Task.Delay(period, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            foreach (MessageLease lease in leases)
            {
                try
                {
                    await lease.RenewAsync(visibilityTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (Azure.RequestFailedException)
                {
                    // Transient: the next round tries again; at worst the message reappears and is de-duplicated.
                }
            }
        }
    }
}
