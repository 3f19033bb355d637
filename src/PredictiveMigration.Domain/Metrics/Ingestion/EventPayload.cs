namespace PredictiveMigration.Domain.Metrics.Ingestion;

/// <summary>
/// One raw event body as it arrived, with where it came from: for Event Hubs the partition and the hub's sequence
/// number and enqueued time (stable across redelivery, so dead letters stay idempotent).
/// </summary>
public readonly record struct EventPayload(ReadOnlyMemory<byte> Body, long? SourceSequenceNumber = null, DateTimeOffset? EnqueuedTime = null);
