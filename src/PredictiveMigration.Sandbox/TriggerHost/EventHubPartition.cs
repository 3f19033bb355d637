using System.Text.Json.Nodes;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// One partition: an append-only log with sequence numbers from 0 and byte offsets, as Event Hubs keeps them.
/// Readers wait for events past a sequence number without polling.
/// </summary>
public sealed class EventHubPartition
{
    private readonly Lock _gate = new();
    private readonly List<EventHubEvent> _events = [];
    private long _nextOffset;
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public EventHubPartition(string id)
    {
        Id = id;
    }

    public string Id { get; }

    /// <summary>The sequence number of the last event, or -1 when the partition is empty.</summary>
    public long LastSequenceNumber
    {
        get
        {
            lock (_gate)
            {
                return _events.Count - 1;
            }
        }
    }

    /// <summary>Appends events in order, all with the same enqueued time; returns them with their system properties.</summary>
    public IReadOnlyList<EventHubEvent> Append(IReadOnlyList<(string? PartitionKey, ReadOnlyMemory<byte> Body, JsonObject? Properties)> items, DateTimeOffset enqueuedTime)
    {
        ArgumentNullException.ThrowIfNull(items);
        var added = new List<EventHubEvent>(items.Count);
        TaskCompletionSource signal;
        lock (_gate)
        {
            foreach (var (key, body, properties) in items)
            {
                var e = new EventHubEvent(Id, _events.Count, _nextOffset, enqueuedTime, key, body, properties);
                _events.Add(e);
                added.Add(e);
                _nextOffset += body.Length;
            }

            signal = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
        return added;
    }

    /// <summary>Up to <paramref name="max"/> events from sequence number <paramref name="fromSequenceNumber"/> on.</summary>
    public IReadOnlyList<EventHubEvent> Read(long fromSequenceNumber, int max)
    {
        lock (_gate)
        {
            var start = (int)Math.Max(0, fromSequenceNumber);
            var count = Math.Max(0, Math.Min(max, _events.Count - start));
            return count == 0 ? [] : _events.GetRange(start, count);
        }
    }

    /// <summary>Completes when the partition holds an event after <paramref name="afterSequenceNumber"/>.</summary>
    public async Task WaitForEventsAfterAsync(long afterSequenceNumber, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_events.Count - 1 > afterSequenceNumber)
                {
                    return;
                }

                wait = _appended.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
