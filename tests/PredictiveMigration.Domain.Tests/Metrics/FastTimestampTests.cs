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

public class FastDecimalTests
{
    [Fact]
    public void TryParseSimpleDecimal_RandomDecimals_EqualDoubleParseBitForBit()
    {
        var random = new Random(5);
        for (var i = 0; i < 200_000; i++)
        {
            var intDigits = random.Next(1, 12);
            var fracDigits = random.Next(0, 16 - intDigits);
            var text = (random.Next(4) == 0 ? "-" : string.Empty)
                + string.Concat(Enumerable.Range(0, intDigits).Select(_ => (char)('0' + random.Next(10))))
                + (fracDigits > 0 ? "." + string.Concat(Enumerable.Range(0, fracDigits).Select(_ => (char)('0' + random.Next(10)))) : string.Empty);

            Assert.True(MetricEventJson.TryParseSimpleDecimal(Encoding.ASCII.GetBytes(text), out var fast), text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(fast));
        }
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("1.5E-3")]
    [InlineData("1234567890123456")]
    [InlineData("1.2.3")]
    [InlineData("-")]
    [InlineData("")]
    public void TryParseSimpleDecimal_ExponentsAndLongNumbers_DeferToTheGeneralParser(string text)
    {
        Assert.False(MetricEventJson.TryParseSimpleDecimal(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void TryParse_NumbersOfEveryShape_ReadTheSameValues()
    {
        var json = TestEvents.WithField("cpuPercent", "4.25e1");

        Assert.True(MetricEventJson.TryParse(json, out var parsed, out _));
        Assert.Equal(42.5, parsed!.CpuPercent);
    }
}
