using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Functions.Tests.Support;

/// <summary>
/// Builds Event Hubs trigger invocation bodies the way the Functions host does (PROTOCOL.md §0, §2.2): string,
/// number and array values are JSON-serialized once more, so <c>Data.events</c> is a string holding a JSON array of
/// strings; <c>PartitionContext</c> and <c>sys</c> are real objects.
/// </summary>
internal static class HostEnvelope
{
    /// <summary>Newtonsoft (the host's serializer) escapes only quotes, backslashes and control characters, like the relaxed encoder.</summary>
    private static readonly JsonSerializerOptions HostLike = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string EventHub(IReadOnlyList<string> bodies, long firstSequenceNumber = 1000, string partition = "3", DateTimeOffset? enqueued = null, int? retryCount = null)
    {
        var at = enqueued ?? new DateTimeOffset(2026, 11, 23, 9, 59, 0, TimeSpan.Zero);
        var metadata = new JsonObject
        {
            ["PartitionContext"] = new JsonObject
            {
                ["FullyQualifiedNamespace"] = "pm.servicebus.windows.net",
                ["EventHubName"] = "metrics",
                ["ConsumerGroup"] = "$Default",
                ["PartitionId"] = partition,
            },
            ["PartitionKeyArray"] = JsonSerializer.Serialize(bodies.Select(_ => (string?)null)),
            ["SequenceNumberArray"] = JsonSerializer.Serialize(Enumerable.Range(0, bodies.Count).Select(i => firstSequenceNumber + i)),
            ["EnqueuedTimeUtcArray"] = JsonSerializer.Serialize(bodies.Select(_ => at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))),
            ["sys"] = new JsonObject { ["MethodName"] = "IngestMetrics", ["UtcNow"] = "2026-11-23T10:00:00Z", ["RandGuid"] = "6f1c7a0e-0000-0000-0000-000000000000" },
        };
        if (retryCount is { } n)
        {
            metadata["RetryContext"] = new JsonObject { ["MaxRetryCount"] = -1, ["RetryCount"] = n, ["Exception"] = null };
        }

        var envelope = new JsonObject
        {
            ["Data"] = new JsonObject { ["events"] = JsonSerializer.Serialize(bodies, HostLike) },
            ["Metadata"] = metadata,
        };
        return envelope.ToJsonString(HostLike);
    }

    public static string Event(string server, long seq, DateTimeOffset at, double cpu = 50) => SampleEvents.Json(server, seq, at, cpu);
}
