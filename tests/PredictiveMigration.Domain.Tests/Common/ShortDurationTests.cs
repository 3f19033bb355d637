using PredictiveMigration.Domain.Common;

namespace PredictiveMigration.Domain.Tests.Common;

public class ShortDurationTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1.5h", 5400)]
    [InlineData("1d", 86400)]
    [InlineData("60", 3600)]
    [InlineData("PT15M", 900)]
    [InlineData(" 2H ", 7200)]
    public void TryParse_AcceptedForms_GiveTheDuration(string text, double seconds)
    {
        Assert.True(ShortDuration.TryParse(text, out var value));

        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("0m")]
    [InlineData("-5m")]
    [InlineData("5w")]
    [InlineData("PT")]
    [InlineData("1e3m")]
    public void TryParse_AnythingElse_IsRefused(string? text)
    {
        Assert.False(ShortDuration.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_BareNumber_UsesTheDefaultUnit()
    {
        Assert.True(ShortDuration.TryParse("10", out var value, defaultUnit: 's'));

        Assert.Equal(TimeSpan.FromSeconds(10), value);
    }
}
