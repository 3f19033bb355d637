using System.Buffers;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Sending;

/// <summary>
/// Builds Event Hubs REST batch bodies (<c>application/vnd.microsoft.servicebus.json</c>): a JSON array of
/// <c>{"Body":"&lt;event JSON as a string&gt;","BrokerProperties":{"PartitionKey":"&lt;serverId&gt;"}}</c>,
/// split so that every request stays under the service's limit.
/// </summary>
public static class EventHubsRequestBuilder
{
    /// <summary>Every request body is smaller than this many bytes (the service refuses 1 MB and more).</summary>
    public const int MaxRequestBytes = 1_000_000;

    /// <summary>Splits <paramref name="batch"/> into request bodies, in order, each smaller than <paramref name="maxRequestBytes"/> bytes.</summary>
    /// <exception cref="ArgumentException">One event alone does not fit.</exception>
    public static IReadOnlyList<EventHubsRequest> Build(IReadOnlyList<MetricEvent> batch, int maxRequestBytes = MaxRequestBytes)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var requests = new List<EventHubsRequest>();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var start = 0;
        var count = 0;
        buffer.Write("["u8);
        for (var i = 0; i < batch.Count; i++)
        {
            var item = Item(batch[i]);

            // Bytes if this item joins: current + separator (if any) + item + closing bracket.
            var needed = buffer.WrittenCount + (count > 0 ? 1 : 0) + item.Length + 1;
            if (needed >= maxRequestBytes && count > 0)
            {
                requests.Add(Close(buffer, start, count));
                buffer = new ArrayBufferWriter<byte>(64 * 1024);
                buffer.Write("["u8);
                start = i;
                count = 0;
                needed = 1 + item.Length + 1;
            }

            if (needed >= maxRequestBytes)
            {
                throw new ArgumentException($"event seq {batch[i].Sequence} alone is {item.Length} bytes, too large for one request", nameof(batch));
            }

            if (count > 0)
            {
                buffer.Write(","u8);
            }

            buffer.Write(item);
            count++;
        }

        if (count > 0)
        {
            requests.Add(Close(buffer, start, count));
        }

        return requests;
    }

    /// <summary>One message: the event's JSON as the Body string, partitioned by server id (<see cref="EventHubsRest.Message"/>).</summary>
    public static byte[] Item(MetricEvent metricEvent) => EventHubsRest.Message(metricEvent);

    private static EventHubsRequest Close(ArrayBufferWriter<byte> buffer, int start, int count)
    {
        buffer.Write("]"u8);
        return new EventHubsRequest(start, count, buffer.WrittenMemory);
    }
}
