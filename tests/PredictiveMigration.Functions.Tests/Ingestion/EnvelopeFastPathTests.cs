using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PredictiveMigration.Functions.Ingestion;
using PredictiveMigration.Functions.Tests.Support;

namespace PredictiveMigration.Functions.Tests.Ingestion;

/// <summary>
/// The envelope fast path against the general (Utf8JsonReader) path: wherever the fast path accepts an envelope it
/// must yield exactly the same events and metadata; it may decline anything (the general path then decides).
/// </summary>
public class EnvelopeFastPathTests
{
    // Newtonsoft (the Functions host's serializer) escapes only quotes, backslashes and control characters: the relaxed encoder is the closest.
    private static readonly JsonSerializerOptions HostLike = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Envelope(IReadOnlyList<string> bodies, JsonSerializerOptions? options) =>
        "{\"Data\":{\"events\":" + JsonSerializer.Serialize(JsonSerializer.Serialize(bodies, options), options) + "},\"Metadata\":{\"SequenceNumberArray\":\"[" +
        string.Join(",", Enumerable.Range(7, bodies.Count)) + "]\",\"PartitionContext\":{\"EventHubName\":\"metrics\",\"PartitionId\":\"2\"},\"sys\":{\"MethodName\":\"IngestMetrics\"}}}";

    private static (bool Accepted, string[] Bodies, long[] Seqs) Fast(string envelope)
    {
        if (!EventHubEnvelopeDecoder.TryDecodeFast(Encoding.UTF8.GetBytes(envelope), "events", out var batch))
        {
            return (false, [], []);
        }

        using (batch)
        {
            Assert.Equal("eventhub:metrics/2", batch!.Source);
            return (true, [.. batch.Events.Select(e => Encoding.UTF8.GetString(e.Body.Span))], [.. batch.Events.Select(e => e.SourceSequenceNumber!.Value)]);
        }
    }

    private static (string[] Bodies, long[] Seqs) General(string envelope)
    {
        Assert.True(EventHubEnvelopeDecoder.TryDecodeCore(Encoding.UTF8.GetBytes(envelope), "events", out var batch, out var error), error);
        using (batch)
        {
            return ([.. batch!.Events.Select(e => Encoding.UTF8.GetString(e.Body.Span))], [.. batch.Events.Select(e => e.SourceSequenceNumber!.Value)]);
        }
    }

    [Fact]
    public void FastPath_TypicalAgentEvents_IsTakenAndEqualsTheGeneralPath()
    {
        var at = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var bodies = Enumerable.Range(0, 50).Select(i => HostEnvelope.Event($"vm-{i}", i, at.AddSeconds(i))).ToList();
        var envelope = Envelope(bodies, HostLike);

        var fast = Fast(envelope);

        Assert.True(fast.Accepted);
        Assert.Equal(bodies, fast.Bodies);
        var general = General(envelope);
        Assert.Equal(general.Bodies, fast.Bodies);
        Assert.Equal(general.Seqs, fast.Seqs);
    }

    [Fact]
    public void FastPath_RandomTexts_EitherDeclinesOrEqualsTheGeneralPath()
    {
        var random = new Random(11);
        const string alphabet = "ab{}[]:,\"\\/ \n\t\r\b\f\u0001é✓😀+<>&'u0";
        var accepted = 0;
        for (var round = 0; round < 400; round++)
        {
            var bodies = Enumerable.Range(0, random.Next(0, 6))
                .Select(_ => new string([.. Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length)])]))
                .Select(s => s.Replace("\uD83D", "x", StringComparison.Ordinal)) // keep surrogate pairs whole or absent
                .ToList();
            foreach (var options in new[] { HostLike, null })
            {
                var envelope = Envelope(bodies, options);
                var general = General(envelope);
                var fast = Fast(envelope);
                if (fast.Accepted)
                {
                    accepted++;
                    Assert.Equal(general.Bodies, fast.Bodies);
                    Assert.Equal(general.Seqs, fast.Seqs);
                }
            }
        }

        Assert.True(accepted > 100, $"the fast path should accept the common shapes (accepted {accepted})");
    }

    [Theory]
    [InlineData("{\"Data\":{\"events\":\"[\\\"a\\\"\"},\"Metadata\":{}}")]
    [InlineData("{\"Data\":{\"events\":\"[\\\"a\\\"] x\"},\"Metadata\":{}}")]
    [InlineData("{\"Data\":{\"events\":\"[{}]\"},\"Metadata\":{}}")]
    [InlineData("{\"Data\":{\"events\":\"[\\\"a\\\"]\"},\"Metadata\":{}} trailing")]
    [InlineData("{\"Data\":{\"ev\\u0065nts\":\"[]\"}}")]
    public void FastPath_OddShapes_Decline(string envelope)
    {
        Assert.False(Fast(envelope).Accepted);
    }
}
