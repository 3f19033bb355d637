using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// A queue pump with bounded parallelism: it receives only as many messages as it has free slots, splits them into
/// units of work (one slot each) and polls again at once while there is work, or after the poll interval (or a
/// wake-up) when the queue is empty. Leases of messages whose unit throws are released for another try.
/// </summary>
internal abstract class QueueDispatcher
{
    private readonly OutboxTarget _queue;
    private readonly int _maxConcurrency;
    private readonly WakeUpSignal _wake;

    protected QueueDispatcher(TaskHubStorage storage, OutboxTarget queue, int maxConcurrency, WakeUpSignal wake, ILogger logger)
    {
        Storage = storage;
        _queue = queue;
        _maxConcurrency = maxConcurrency;
        _wake = wake;
        Logger = logger;
    }

    protected TaskHubStorage Storage { get; }

    protected DurableBackendOptions Options => Storage.Options;

    protected ILogger Logger { get; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(_maxConcurrency, _maxConcurrency);
        var running = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                running.RemoveAll(t => t.IsCompleted);
                int free = 1 + slots.CurrentCount;
                QueueMessage[] messages;
                try
                {
                    messages = await Storage.ReceiveAsync(_queue, Math.Min(32, free), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    slots.Release();
                    Logs.DispatcherFailed(Logger, exception, _queue.ToString());
                    await Task.Delay(Options.PollInterval, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var readable = new List<MessageLease>(messages.Length);
                foreach (QueueMessage message in messages)
                {
                    var lease = new MessageLease(Storage.QueueFor(_queue), message);
                    if (lease.Message is null)
                    {
                        Logs.UnreadableMessage(Logger, lease.MessageId, lease.ParseError ?? "unreadable");
                        await lease.DeleteAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        readable.Add(lease);
                    }
                }

                IReadOnlyList<IReadOnlyList<MessageLease>> units = Split(readable);
                if (units.Count == 0)
                {
                    slots.Release();
                    if (messages.Length == 0)
                    {
                        // Queue polling runs on real time: the queue's clock, whatever the orchestration clock does.
                        await _wake.WaitAsync(Options.PollInterval, cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }

                for (int i = 0; i < units.Count; i++)
                {
                    // Units never outnumber the messages, and we asked for no more messages than free slots.
                    if (i > 0 && !slots.Wait(0))
                    {
                        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    }

                    running.Add(RunUnitAsync(units[i], slots, cancellationToken));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the messages in hand reappear after their visibility timeout.
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    /// <summary>Groups received messages into units of work.</summary>
    protected abstract IReadOnlyList<IReadOnlyList<MessageLease>> Split(IReadOnlyList<MessageLease> leases);

    /// <summary>Processes one unit; every lease must end deleted or released (or be left to its timeout).</summary>
    protected abstract Task ProcessAsync(IReadOnlyList<MessageLease> unit, CancellationToken cancellationToken);

    protected static async Task DeleteAllAsync(IEnumerable<MessageLease> leases, CancellationToken cancellationToken) =>
        await Task.WhenAll(leases.Select(l => l.DeleteAsync(cancellationToken))).ConfigureAwait(false);

    protected static async Task ReleaseAllAsync(IEnumerable<MessageLease> leases, TimeSpan delay, CancellationToken cancellationToken) =>
        await Task.WhenAll(leases.Select(l => l.ReleaseAsync(delay, cancellationToken))).ConfigureAwait(false);

    private async Task RunUnitAsync(IReadOnlyList<MessageLease> unit, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            await ProcessAsync(unit, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception exception)
        {
            Logs.DispatcherFailed(Logger, exception, _queue.ToString());
            try
            {
                await ReleaseAllAsync(unit, Options.RetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The leases time out by themselves.
            }
        }
        finally
        {
            slots.Release();
        }
    }
}
