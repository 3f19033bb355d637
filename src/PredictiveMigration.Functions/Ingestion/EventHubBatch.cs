using System.Buffers;
using PredictiveMigration.Domain.Metrics.Ingestion;

namespace PredictiveMigration.Functions.Ingestion;

/// <summary>
/// A decoded Event Hubs trigger invocation: the event bodies (slices of one pooled buffer, valid until disposal)
/// and the trigger metadata we use for dead letters and logs.
/// </summary>
public sealed class EventHubBatch : IDisposable
{
    private byte[]? _buffer;

    internal EventHubBatch(byte[]? buffer, IReadOnlyList<EventPayload> events, string? eventHubName, string? partitionId, int retryCount)
    {
        _buffer = buffer;
        Events = events;
        EventHubName = eventHubName;
        PartitionId = partitionId;
        RetryCount = retryCount;
    }

    public IReadOnlyList<EventPayload> Events { get; }

    public string? EventHubName { get; }

    public string? PartitionId { get; }

    /// <summary>How many times the host has retried this batch (from <c>Metadata.RetryContext</c>; 0 on first delivery).</summary>
    public int RetryCount { get; }

    /// <summary>Where the events came from, for dead letters: <c>eventhub:{hub}/{partition}</c>.</summary>
    public string Source => $"eventhub:{EventHubName ?? "?"}/{PartitionId ?? "?"}";

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
