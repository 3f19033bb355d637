using System.Globalization;
using System.Text;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Domain.Tests.Metrics;

public class FastTimestampTests
{
    [Theory]
    [InlineData("2026-11-23T10:15:30Z")]
    [InlineData("2026-11-23T10:15:30.1Z")]
    [InlineData("2026-11-23T10:15:30.123Z")]
    [InlineData("2026-11-23T10:15:30.1234567Z")]
    [InlineData("2024-02-29T23:59:59.999Z")]
    public void TryParseUtcFast_AgentShapes_EqualTheGeneralParser(string text)
    {
        Assert.True(MetricEventJson.TryParseUtcFast(Encoding.ASCII.GetBytes(text), out var fast));

        Assert.Equal(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), fast);
    }

    [Theory]
    [InlineData("2026-11-23T10:15:30+01:00")]
    [InlineData("2026-11-23T10:15:30")]
    [InlineData("2026-02-30T10:15:30Z")]
    [InlineData("2026-13-01T10:15:30Z")]
    [InlineData("2026-11-23T24:00:00Z")]
    [InlineData("2026-11-23T10:15:30.12345678Z")]
    [InlineData("2026-11-23 10:15:30Z")]
    [InlineData("2026-11-23T1a:15:30Z")]
    public void TryParseUtcFast_AnythingElse_DefersToTheGeneralPath(string text)
    {
        Assert.False(MetricEventJson.TryParseUtcFast(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void TryParse_InvalidCalendarDate_IsRejectedNotMisread()
    {
        var json = TestEvents.WithField("timestamp", "\"2026-02-30T10:00:00Z\"");

        Assert.False(MetricEventJson.TryParse(json, out _, out var rejection));
        Assert.Equal("timestamp", rejection!.Field);
    }
}
