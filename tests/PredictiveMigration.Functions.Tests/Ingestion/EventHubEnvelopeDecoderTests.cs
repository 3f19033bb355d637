using System.Text;
using PredictiveMigration.Functions.Ingestion;
using PredictiveMigration.Functions.Tests.Support;

namespace PredictiveMigration.Functions.Tests.Ingestion;

public class EventHubEnvelopeDecoderTests
{
    [Fact]
    public void TryDecode_HostShapedEnvelope_YieldsEachEventBodyAndItsMetadata()
    {
        var at = new DateTimeOffset(2026, 11, 23, 9, 59, 0, TimeSpan.Zero);
        string[] bodies = [HostEnvelope.Event("web-01", 1, at), HostEnvelope.Event("web-02", 7, at), "not json at all", "{\"quote\":\"\\\"x\\\" + <y>\"}"];
        var body = Encoding.UTF8.GetBytes(HostEnvelope.EventHub(bodies, firstSequenceNumber: 500, partition: "7", enqueued: at, retryCount: 2));

        Assert.True(EventHubEnvelopeDecoder.TryDecode(body, "events", out var batch, out var error), error);
        using (batch)
        {
            Assert.Equal(bodies, batch!.Events.Select(e => Encoding.UTF8.GetString(e.Body.Span)));
            Assert.Equal([500L, 501, 502, 503], batch.Events.Select(e => e.SourceSequenceNumber!.Value));
            Assert.All(batch.Events, e => Assert.Equal(at, e.EnqueuedTime));
            Assert.Equal("7", batch.PartitionId);
            Assert.Equal("eventhub:metrics/7", batch.Source);
            Assert.Equal(2, batch.RetryCount);
        }
    }

    [Fact]
    public void TryDecode_LiteralDoubleEncodedTextAsInProtocolDoc_IsDecoded()
    {
        // Exactly what Newtonsoft's JsonConvert.SerializeObject(string[]) produces for Data.events (PROTOCOL.md §2.2).
        const string envelope = """
            {"Data":{"events":"[\"{\\\"a\\\":1}\",\"{\\\"b\\\":\\\"x\\\\\\\"y\\\"}\"]"},"Metadata":{"SequenceNumberArray":"[10,11]","PartitionContext":{"EventHubName":"metrics","PartitionId":"0"},"sys":{"MethodName":"IngestMetrics"}}}
            """;

        Assert.True(EventHubEnvelopeDecoder.TryDecode(Encoding.UTF8.GetBytes(envelope), "events", out var batch, out var error), error);
        using (batch)
        {
            Assert.Equal(["{\"a\":1}", "{\"b\":\"x\\\"y\"}"], batch!.Events.Select(e => Encoding.UTF8.GetString(e.Body.Span)));
            Assert.Equal([10L, 11], batch.Events.Select(e => e.SourceSequenceNumber!.Value));
        }
    }

    [Fact]
    public void TryDecode_EventsAlreadyDecodedAsARealArray_IsAcceptedToo()
    {
        const string envelope = """{"Data":{"events":["{\"a\":1}",{"b":2}]},"Metadata":{}}""";

        Assert.True(EventHubEnvelopeDecoder.TryDecode(Encoding.UTF8.GetBytes(envelope), "events", out var batch, out _));
        using (batch)
        {
            Assert.Equal(["{\"a\":1}", "{\"b\":2}"], batch!.Events.Select(e => Encoding.UTF8.GetString(e.Body.Span)));
        }
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"Data\":{}}", "Data.events is missing")]
    [InlineData("{\"Data\":{\"events\":\"{}\"}}", "not a JSON array")]
    [InlineData("{\"Data\":{\"events\":42}}", "not a string holding a JSON array")]
    public void TryDecode_UnusableEnvelope_SaysWhy(string envelope, string expected)
    {
        Assert.False(EventHubEnvelopeDecoder.TryDecode(Encoding.UTF8.GetBytes(envelope), "events", out var batch, out var error));

        Assert.Null(batch);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_EmptyBatch_HasNoEvents()
    {
        Assert.True(EventHubEnvelopeDecoder.TryDecode(Encoding.UTF8.GetBytes(HostEnvelope.EventHub([])), "events", out var batch, out _));
        using (batch)
        {
            Assert.Empty(batch!.Events);
        }
    }
}
