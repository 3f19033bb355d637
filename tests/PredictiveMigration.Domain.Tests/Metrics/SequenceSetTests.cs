using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Domain.Tests.Metrics;

public class SequenceSetTests
{
    [Fact]
    public void Add_ConsecutiveNumbers_KeepsOneRange()
    {
        var set = new SequenceSet();
        for (var i = 100; i < 106; i++)
        {
            Assert.True(set.Add(i));
        }

        Assert.Equal("100-105", set.ToString());
        Assert.Equal(1, set.RangeCount);
    }

    [Fact]
    public void Add_ExistingNumber_ReturnsFalse()
    {
        var set = SequenceSet.Parse("1-5,9");

        Assert.False(set.Add(3));
        Assert.False(set.Add(9));
        Assert.Equal("1-5,9", set.ToString());
    }

    [Fact]
    public void Add_NumberFillingAHole_MergesRanges()
    {
        var set = SequenceSet.Parse("1-5,7-9");

        Assert.True(set.Add(6));

        Assert.Equal("1-9", set.ToString());
    }

    [Fact]
    public void Add_OutOfOrder_MatchesASortedReference()
    {
        var random = new Random(7);
        var set = new SequenceSet();
        var reference = new SortedSet<long>();
        for (var i = 0; i < 2000; i++)
        {
            long v = random.Next(0, 500);
            Assert.Equal(reference.Add(v), set.Add(v));
        }

        foreach (var v in Enumerable.Range(-5, 510))
        {
            Assert.Equal(reference.Contains(v), set.Contains(v));
        }

        Assert.Equal(set.ToString(), SequenceSet.Parse(set.ToString()).ToString());
    }

    [Theory]
    [InlineData("5-3")]
    [InlineData("1-3,2-4")]
    [InlineData("1-3,4")]
    [InlineData("a")]
    public void Parse_InvalidText_Throws(string text)
    {
        Assert.ThrowsAny<FormatException>(() => SequenceSet.Parse(text));
    }
}
