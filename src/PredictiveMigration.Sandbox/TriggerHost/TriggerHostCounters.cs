namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>What the trigger host has done so far (thread-safe; read for console progress and tests).</summary>
public sealed class TriggerHostCounters
{
    private long _timerInvocations;
    private long _timerPastDue;
    private long _batchesDelivered;
    private long _eventsDelivered;
    private long _failedInvocations;
    private long _batchesAbandoned;

    /// <summary>Successful timer invocations.</summary>
    public long TimerInvocations => Interlocked.Read(ref _timerInvocations);

    /// <summary>Timer invocations that were late and stood for coalesced ticks (IsPastDue).</summary>
    public long TimerPastDue => Interlocked.Read(ref _timerPastDue);

    /// <summary>Event Hubs batches acknowledged by the app (2xx) and checkpointed.</summary>
    public long BatchesDelivered => Interlocked.Read(ref _batchesDelivered);

    /// <summary>Events in those batches.</summary>
    public long EventsDelivered => Interlocked.Read(ref _eventsDelivered);

    /// <summary>Invocations of any trigger that failed (non-2xx, unreachable, timeout); each retry counts.</summary>
    public long FailedInvocations => Interlocked.Read(ref _failedInvocations);

    /// <summary>Batches whose retries ran out; the checkpoint moved past them, as the real host does.</summary>
    public long BatchesAbandoned => Interlocked.Read(ref _batchesAbandoned);

    internal void TimerFired(bool pastDue)
    {
        Interlocked.Increment(ref _timerInvocations);
        if (pastDue)
        {
            Interlocked.Increment(ref _timerPastDue);
        }
    }

    internal void BatchDelivered(int events)
    {
        Interlocked.Increment(ref _batchesDelivered);
        Interlocked.Add(ref _eventsDelivered, events);
    }

    internal void InvocationFailed() => Interlocked.Increment(ref _failedInvocations);

    internal void BatchAbandoned() => Interlocked.Increment(ref _batchesAbandoned);
}
