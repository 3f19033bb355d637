using System.Text;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Domain.Tests.Metrics;

public class MetricEventJsonTests
{
    [Fact]
    public void Serialize_ThenParse_RoundTripsEveryField()
    {
        var original = TestEvents.Event();
        original[MetricKind.ProbeLatencyMs] = 12.5;
        original[MetricKind.ErrorCount] = 3;

        Assert.True(MetricEventJson.TryParse(MetricEventJson.Serialize(original), out var parsed, out var rejection), rejection?.ToString());

        Assert.Equal(original.ServerId, parsed!.ServerId);
        Assert.Equal(original.Timestamp, parsed.Timestamp);
        Assert.Equal(original.Sequence, parsed.Sequence);
        Assert.Equal("1.0.0", parsed.AgentVersion);
        Assert.Equal(4, parsed.CpuCores);
        foreach (var kind in Enum.GetValues<MetricKind>())
        {
            Assert.Equal(original[kind], parsed[kind]);
        }

        Assert.False(parsed.Has(MetricKind.QueueLength));
    }

    [Fact]
    public void Serialize_WritesSchemaVersionAndUtcTimestamp()
    {
        var json = TestEvents.Json(TestEvents.Event(at: new DateTimeOffset(2026, 11, 23, 9, 59, 30, TimeSpan.Zero)));

        Assert.Contains("\"schemaVersion\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"timestamp\":\"2026-11-23T09:59:30Z\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serverId")]
    [InlineData("timestamp")]
    [InlineData("seq")]
    [InlineData("schemaVersion")]
    [InlineData("cpuPercent")]
    [InlineData("memoryTotalBytes")]
    [InlineData("netTxBytesPerSec")]
    public void TryParse_RequiredFieldMissing_NamesTheField(string field)
    {
        Assert.False(MetricEventJson.TryParse(TestEvents.WithField(field, null), out _, out var rejection));

        Assert.Equal(RejectionReason.MissingField, rejection!.Reason);
        Assert.Equal(field, rejection.Field);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    [InlineData("1e400")]
    public void TryParse_NonFiniteNumber_IsRejectedAsNotFinite(string raw)
    {
        Assert.False(MetricEventJson.TryParse(TestEvents.WithField("cpuPercent", raw), out _, out var rejection));

        Assert.Equal(RejectionReason.NotFinite, rejection!.Reason);
        Assert.Equal("cpuPercent", rejection.Field);
    }

    [Theory]
    [InlineData("cpuPercent", "\"high\"")]
    [InlineData("seq", "1.5")]
    [InlineData("serverId", "42")]
    [InlineData("timestamp", "\"2026-11-23T10:00:00\"")]
    [InlineData("timestamp", "\"yesterday\"")]
    public void TryParse_WrongType_IsRejectedNamingTheField(string field, string raw)
    {
        Assert.False(MetricEventJson.TryParse(TestEvents.WithField(field, raw), out _, out var rejection));

        Assert.Equal(RejectionReason.WrongType, rejection!.Reason);
        Assert.Equal(field, rejection.Field);
    }

    [Fact]
    public void TryParse_UnsupportedSchemaVersion_IsRejected()
    {
        Assert.False(MetricEventJson.TryParse(TestEvents.WithField("schemaVersion", "2"), out _, out var rejection));

        Assert.Equal(RejectionReason.UnsupportedSchemaVersion, rejection!.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"serverId\":")]
    public void TryParse_NotAnObject_IsMalformed(string text)
    {
        Assert.False(MetricEventJson.TryParse(Encoding.UTF8.GetBytes(text), out _, out var rejection));

        Assert.Equal(RejectionReason.Malformed, rejection!.Reason);
    }

    [Fact]
    public void TryParse_UnknownFieldsAndNestedObjects_AreIgnored()
    {
        Assert.True(MetricEventJson.TryParse(TestEvents.WithField("futureThing", "{\"a\":[1,{\"b\":2}]}"), out var parsed, out _));

        Assert.Equal("web-01", parsed!.ServerId);
    }

    [Fact]
    public void TryParse_OffsetTimestamp_IsConvertedToUtc()
    {
        Assert.True(MetricEventJson.TryParse(TestEvents.WithField("timestamp", "\"2026-11-23T11:00:00+01:00\""), out var parsed, out _));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), parsed!.Timestamp);
        Assert.Equal(TimeSpan.Zero, parsed.Timestamp.Offset);
    }

    [Fact]
    public void TryParse_EscapedPropertyName_IsStillRecognised()
    {
        var json = Encoding.UTF8.GetString(TestEvents.WithField("cpuPercent", null)).Replace("{", "{\"cpu\\u0050ercent\":55,", StringComparison.Ordinal);

        Assert.True(MetricEventJson.TryParse(Encoding.UTF8.GetBytes(json), out var parsed, out var rejection), rejection?.ToString());

        Assert.Equal(55, parsed!.CpuPercent);
    }
}
