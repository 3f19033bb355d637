using System.Text;
using System.Text.Json;
using PredictiveMigration.Functions.Ingestion;

namespace PredictiveMigration.Functions.Tests.Ingestion;

public class JsonStringUnescaperTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" backslash \\ slash / tab \t newline \n")]
    [InlineData("unicode é ✓ 𝄞 and control \u0001")]
    [InlineData("{\"cpuPercent\":42,\"serverId\":\"a+b<c>\"}")]
    public void Unescape_MatchesSystemTextJson(string text)
    {
        // Encode the way both Newtonsoft and System.Text.Json might (\u escapes included), then compare with the reader's own decoding.
        var encoded = JsonSerializer.Serialize(text);
        var escaped = Encoding.UTF8.GetBytes(encoded[1..^1]);
        var destination = new byte[escaped.Length];

        var n = JsonStringUnescaper.Unescape(escaped, destination);

        Assert.Equal(text, Encoding.UTF8.GetString(destination, 0, n));
    }

    [Theory]
    [InlineData("bad \\x escape")]
    [InlineData("short \\u12")]
    [InlineData("dangling \\")]
    public void Unescape_InvalidEscape_ReturnsMinusOne(string escaped)
    {
        Assert.Equal(-1, JsonStringUnescaper.Unescape(Encoding.UTF8.GetBytes(escaped), new byte[64]));
    }

    [Fact]
    public void TrySplitStringArray_SplitsAndUnescapesEachElement()
    {
        string[] items = ["{\"a\":\"x\\\"y\"}", "", "second \u00e9"];
        var array = Encoding.UTF8.GetBytes(" " + JsonSerializer.Serialize(items).Replace(",", " ,\n ", StringComparison.Ordinal) + " ");
        var destination = new byte[array.Length];
        var spans = new List<(int Offset, int Length)>();

        Assert.True(JsonStringUnescaper.TrySplitStringArray(array, destination, spans));

        Assert.Equal(items, spans.Select(s => Encoding.UTF8.GetString(destination, s.Offset, s.Length)));
    }

    [Theory]
    [InlineData("[]", true, 0)]
    [InlineData("[\"a\",{\"b\":1}]", false, 0)]
    [InlineData("[\"a\"", false, 0)]
    [InlineData("[\"a\"] x", false, 0)]
    [InlineData("{}", false, 0)]
    public void TrySplitStringArray_OnlyAcceptsAnArrayOfStrings(string text, bool expected, int count)
    {
        var spans = new List<(int Offset, int Length)>();

        Assert.Equal(expected, JsonStringUnescaper.TrySplitStringArray(Encoding.UTF8.GetBytes(text), new byte[64], spans));
        if (expected)
        {
            Assert.Equal(count, spans.Count);
        }
    }
}
