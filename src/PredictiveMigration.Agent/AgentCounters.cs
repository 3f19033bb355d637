namespace PredictiveMigration.Agent;

/// <summary>Running totals since start, for logs and tests. Thread-safe.</summary>
public sealed class AgentCounters
{
    private long _eventsCollected;
    private long _eventsSent;
    private long _eventsRefused;
    private long _eventsSpooled;
    private long _eventsDroppedFromSpool;
    private long _corruptSpoolFiles;

    /// <summary>Events made from samples.</summary>
    public long EventsCollected => Interlocked.Read(ref _eventsCollected);

    /// <summary>Events the receiver accepted (including ones it already had).</summary>
    public long EventsSent => Interlocked.Read(ref _eventsSent);

    /// <summary>Events the receiver refused for good (4xx, or listed as rejected in a 200): dropped.</summary>
    public long EventsRefused => Interlocked.Read(ref _eventsRefused);

    /// <summary>Events written to the spool after a failed send.</summary>
    public long EventsSpooled => Interlocked.Read(ref _eventsSpooled);

    /// <summary>Events lost because the spool was full (oldest dropped first) or a batch alone was larger than the spool.</summary>
    public long EventsDroppedFromSpool => Interlocked.Read(ref _eventsDroppedFromSpool);

    /// <summary>Spool files that could not be read and were moved aside as <c>*.bad</c>.</summary>
    public long CorruptSpoolFiles => Interlocked.Read(ref _corruptSpoolFiles);

    internal void AddCollected(long count) => Interlocked.Add(ref _eventsCollected, count);

    internal void AddSent(long count) => Interlocked.Add(ref _eventsSent, count);

    internal void AddRefused(long count) => Interlocked.Add(ref _eventsRefused, count);

    internal void AddSpooled(long count) => Interlocked.Add(ref _eventsSpooled, count);

    internal void AddDroppedFromSpool(long count) => Interlocked.Add(ref _eventsDroppedFromSpool, count);

    internal void AddCorruptSpoolFile() => Interlocked.Increment(ref _corruptSpoolFiles);
}
