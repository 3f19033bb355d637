using Microsoft.Extensions.DependencyInjection;
using PredictiveMigration.Domain.Common;
using PredictiveMigration.Functions;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Sandbox.Tests.TriggerHost;

public class AcceleratedClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_SpecFromToSpec_RoundTripsExactly()
    {
        var wall = new FixedTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var clock = AcceleratedTimeProvider.StartNow(Start.AddTicks(1234567), 288, wall);

        var parsed = AcceleratedTimeProvider.Parse(clock.ToSpec(), wall);

        Assert.Equal(clock.SimulatedStart, parsed.SimulatedStart);
        Assert.Equal(clock.WallAnchor, parsed.WallAnchor);
        Assert.Equal(288, parsed.Speed);
        Assert.Equal(clock.ToSpec(), parsed.ToSpec());
        Assert.Equal(clock.GetUtcNow(), parsed.GetUtcNow());
    }

    [Fact]
    public void GetUtcNow_WallAdvancesOneSecond_SimulatedAdvancesSpeedSeconds()
    {
        var wall = new FixedTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var clock = AcceleratedTimeProvider.Parse("start=2026-01-05T00:00:00Z; anchor=" + wall.Now.ToUnixTimeMilliseconds() + "; speed=288", wall);

        wall.Now = wall.Now.AddSeconds(1);

        Assert.Equal(Start.AddSeconds(288), clock.GetUtcNow());
        Assert.Equal(wall.Now, clock.ToWall(clock.GetUtcNow()));
    }

    [Fact]
    public void Parse_TwoProcessesWithTheSameSpec_AgreeOnSimulatedTime()
    {
        var spec = AcceleratedTimeProvider.StartNow(Start, 288).ToSpec();

        var a = AcceleratedTimeProvider.Parse(spec);
        var b = AcceleratedTimeProvider.Parse(spec);

        Assert.True((b.GetUtcNow() - a.GetUtcNow()).Duration() < TimeSpan.FromSeconds(288 * 0.5));
    }

    [Theory]
    [InlineData("start=2026-01-05T00:00:00;speed=2", "start")]
    [InlineData("start=2026-01-05T00:00:00Z;speed=0", "speed")]
    [InlineData("start=2026-01-05T00:00:00Z;speed=fast", "speed")]
    [InlineData("start=2026-01-05T00:00:00Z", "speed is missing")]
    [InlineData("speed=2", "start is missing")]
    [InlineData("start=2026-01-05T00:00:00Z;speed=2;anchor=-5", "anchor")]
    [InlineData("start=2026-01-05T00:00:00Z;speed=2;pace=3", "pace")]
    public void Parse_BadSpec_NamesThePart(string spec, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => AcceleratedTimeProvider.Parse(spec));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("PM_CLOCK", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task Delay_OneSimulatedHourAt36000x_ElapsesOnTheSimulatedClock()
    {
        var clock = AcceleratedTimeProvider.StartNow(Start, 36_000);
        var wallBefore = TimeProvider.System.GetUtcNow();

        await Task.Delay(TimeSpan.FromHours(1), clock, TestContext.Current.CancellationToken);

        Assert.True(clock.GetUtcNow() >= Start.AddHours(1), $"simulated now {clock.GetUtcNow():O}");
        Assert.True(TimeProvider.System.GetUtcNow() - wallBefore < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Scale_SimulatedDuration_IsDividedBySpeedAndRoundedUp()
    {
        var clock = AcceleratedTimeProvider.StartNow(Start, 288);

        Assert.Equal(TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(1), clock.Scale(TimeSpan.FromDays(1)));
        Assert.Equal(Timeout.InfiniteTimeSpan, clock.Scale(Timeout.InfiniteTimeSpan));
        Assert.Equal(TimeSpan.Zero, clock.Scale(TimeSpan.Zero));
    }

    [Fact]
    public async Task FunctionsApp_PmClockSetting_RegistersTheAcceleratedClock()
    {
        var spec = AcceleratedTimeProvider.StartNow(Start, 288).ToSpec();

        await using var app = FunctionsApp.Build(["--urls", "http://127.0.0.1:0", "--AzureWebJobsStorage", "UseDevelopmentStorage=true", "--PM_CLOCK", spec]);
        var time = app.Services.GetRequiredService<TimeProvider>();

        var clock = Assert.IsType<AcceleratedTimeProvider>(time);
        Assert.Equal(spec, clock.ToSpec());
    }

    [Fact]
    public async Task FunctionsApp_NoPmClock_KeepsTheSystemClock()
    {
        await using var app = FunctionsApp.Build(["--urls", "http://127.0.0.1:0", "--AzureWebJobsStorage", "UseDevelopmentStorage=true"]);

        Assert.Same(TimeProvider.System, app.Services.GetRequiredService<TimeProvider>());
    }
}
