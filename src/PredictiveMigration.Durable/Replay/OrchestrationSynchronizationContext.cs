namespace PredictiveMigration.Durable.Replay;

/// <summary>
/// Keeps orchestrator code on one thread, in a deterministic order. While an episode runs this is
/// <see cref="SynchronizationContext.Current"/>, so every <c>await</c> in orchestrator code captures it:
/// durable tasks complete on the executor's thread (their continuations run inline, as in DurableTask.Core),
/// and anything posted from that thread (e.g. <c>Task.Yield</c>) is queued and drained after each history event.
/// A post from any other thread means the orchestrator awaited a task that is not durable; it is never run,
/// and the episode fails with <see cref="NonDurableAwaitException"/>.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly int _threadId = Environment.CurrentManagedThreadId;
    private volatile bool _closed;
    private int _foreignAccesses;

    /// <summary>Whether the caller runs on the executor's thread during the episode.</summary>
    public bool IsOnOrchestratorThread => !_closed && Environment.CurrentManagedThreadId == _threadId;

    /// <summary>Whether anything reached the orchestration from another thread.</summary>
    public bool SawForeignAccess => Volatile.Read(ref _foreignAccesses) > 0;

    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!IsOnOrchestratorThread)
        {
            ReportForeignAccess();
            return;
        }

        _queue.Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!IsOnOrchestratorThread)
        {
            ReportForeignAccess();
            throw new NonDurableAwaitException();
        }

        d(state);
    }

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued continuations until none is left.</summary>
    public void Drain()
    {
        while (_queue.TryDequeue(out var item))
        {
            item.Callback(item.State);
        }
    }

    /// <summary>Records that orchestration state was touched from another thread.</summary>
    public void ReportForeignAccess() => Interlocked.Increment(ref _foreignAccesses);

    /// <summary>Ends the episode: later posts are ignored.</summary>
    public void Close() => _closed = true;
}
