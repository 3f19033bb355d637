using System.Text.Json.Nodes;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>One event stored in a partition of the emulated event hub, with the system properties the service assigns.</summary>
public sealed record EventHubEvent(
    string PartitionId,
    long SequenceNumber,
    long Offset,
    DateTimeOffset EnqueuedTime,
    string? PartitionKey,
    ReadOnlyMemory<byte> Body,
    JsonObject? Properties);
