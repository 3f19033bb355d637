using System.Globalization;
using System.Text.Json;
using PredictiveMigration.Domain.Common;
using PredictiveMigration.Sandbox.TriggerHost;

namespace PredictiveMigration.Sandbox.Tests.TriggerHost;

public class TimerTriggerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static TriggerHostOptions Options(RecordingApp app, FunctionsFolder folder, Dictionary<string, string?>? settings = null) => new()
    {
        AppBaseUrl = app.BaseUrl,
        FunctionsDirectory = folder.Path,
        Settings = settings ?? [],
        AppReadyTimeout = TimeSpan.FromSeconds(10),
    };

    private static DateTimeOffset Date(JsonElement e) => DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [Fact(Timeout = 30_000)]
    public async Task Timer_AcceleratedClock_FiresOnScheduleWithTheHostsTimerEnvelope()
    {
        await using var app = await RecordingApp.StartAsync();
        using var folder = new FunctionsFolder().Add("Tick", """{"bindings":[{"name":"myTimer","type":"timerTrigger","direction":"in","schedule":"%TickSchedule%"}]}""");
        var clock = AcceleratedTimeProvider.StartNow(Start, 600); // 10 simulated minutes = 1 s

        await using var host = await LocalTriggerHost.StartAsync(Options(app, folder, new() { ["TickSchedule"] = "0 */10 * * * *" }), clock, null, TestContext.Current.CancellationToken);
        await RecordingApp.WaitUntilAsync(() => app.Invocations.Count >= 3, "three timer invocations");

        var calls = app.Invocations.Take(3).ToList();
        Assert.All(calls, c =>
        {
            Assert.Equal("Tick", c.Function);
            Assert.StartsWith("application/json", c.ContentType, StringComparison.Ordinal);
            Assert.True(Guid.TryParse(c.Headers["X-Azure-Functions-InvocationId"], out _));
            Assert.StartsWith("Azure-Functions-Host/", c.Headers["User-Agent"], StringComparison.Ordinal);
            var timer = c.Json.GetProperty("Data").GetProperty("myTimer");
            Assert.Equal(JsonValueKind.Object, timer.ValueKind);
            Assert.True(timer.GetProperty("Schedule").GetProperty("AdjustForDST").GetBoolean());
            Assert.False(timer.GetProperty("IsPastDue").GetBoolean());
            var next = Date(timer.GetProperty("ScheduleStatus").GetProperty("Next"));
            Assert.Equal(0, next.Minute % 10);
            Assert.Equal(0, next.Second);
            Assert.Equal(2026, next.Year);
            var sys = c.Json.GetProperty("Metadata").GetProperty("sys");
            Assert.Equal("Tick", sys.GetProperty("MethodName").GetString());
            Assert.Equal(2026, Date(sys.GetProperty("UtcNow")).Year);
            Assert.False(c.Json.GetProperty("Metadata").TryGetProperty("RetryContext", out _));
        });
        var first = calls[0].Json.GetProperty("Data").GetProperty("myTimer").GetProperty("ScheduleStatus");
        var second = calls[1].Json.GetProperty("Data").GetProperty("myTimer").GetProperty("ScheduleStatus");
        Assert.Equal(Date(first.GetProperty("Next")), Date(second.GetProperty("Last")));
        Assert.Equal(TimeSpan.FromMinutes(10), Date(second.GetProperty("Next")) - Date(first.GetProperty("Next")));
        Assert.Equal("0 */10 * * * *", host.TimerSchedules["Tick"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Timer_InvocationOutlastsSeveralTicks_NeverOverlapsAndCoalescesThemAsPastDue()
    {
        await using var app = await RecordingApp.StartAsync();
        app.Respond = async n =>
        {
            if (n == 1)
            {
                await Task.Delay(400);
            }

            return 200;
        };
        using var folder = new FunctionsFolder().Add("Tick", """{"bindings":[{"name":"t","type":"timerTrigger","direction":"in","schedule":"*/10 * * * * *"}]}""");
        var clock = AcceleratedTimeProvider.StartNow(Start, 100); // a tick every 100 ms

        await using var host = await LocalTriggerHost.StartAsync(Options(app, folder), clock, null, TestContext.Current.CancellationToken);
        await RecordingApp.WaitUntilAsync(() => app.Invocations.Count >= 3, "three timer invocations");

        var second = app.Invocations.ElementAt(1).Json.GetProperty("Data").GetProperty("t");
        Assert.Equal(1, app.MaxInFlight);
        Assert.True(second.GetProperty("IsPastDue").GetBoolean());
        Assert.True(host.Counters.TimerPastDue >= 1);
        var third = app.Invocations.ElementAt(2).Json.GetProperty("Data").GetProperty("t").GetProperty("ScheduleStatus");
        // The ticks missed while the first invocation ran were folded into the second: the third records as Last the
        // latest of them, well after the occurrence the second was due for.
        Assert.True(Date(third.GetProperty("Last")) - Date(second.GetProperty("ScheduleStatus").GetProperty("Next")) >= TimeSpan.FromSeconds(20), "the missed ticks were coalesced");
    }

    [Fact(Timeout = 30_000)]
    public async Task Timer_FailingInvocationWithRetryPolicy_IsRetriedWithRetryContext()
    {
        await using var app = await RecordingApp.StartAsync();
        app.Respond = n => Task.FromResult(n == 1 ? 500 : 200);
        using var folder = new FunctionsFolder().Add("Tick", """
            {"bindings":[{"name":"t","type":"timerTrigger","direction":"in","schedule":"*/30 * * * * *"}],
             "retry":{"strategy":"fixedDelay","maxRetryCount":2,"delayInterval":"00:00:10"}}
            """);
        var clock = AcceleratedTimeProvider.StartNow(Start, 100); // a tick every 300 ms, the retry after 100 ms

        await using var host = await LocalTriggerHost.StartAsync(Options(app, folder), clock, null, TestContext.Current.CancellationToken);
        await RecordingApp.WaitUntilAsync(() => app.Invocations.Count >= 2, "the retry");

        var retry = app.Invocations.ElementAt(1).Json.GetProperty("Metadata").GetProperty("RetryContext");
        Assert.Equal(
            app.Invocations.ElementAt(0).Json.GetProperty("Data").GetProperty("t").GetProperty("ScheduleStatus").GetProperty("Next").GetString(),
            app.Invocations.ElementAt(1).Json.GetProperty("Data").GetProperty("t").GetProperty("ScheduleStatus").GetProperty("Next").GetString());
        Assert.Equal(1, retry.GetProperty("RetryCount").GetInt32());
        Assert.Equal(2, retry.GetProperty("MaxRetryCount").GetInt32());
        Assert.Equal(0, app.Invocations.First().Json.GetProperty("Metadata").GetProperty("RetryContext").GetProperty("RetryCount").GetInt32());
        await RecordingApp.WaitUntilAsync(() => host.Counters.TimerInvocations >= 1, "the successful invocation to be counted");
        Assert.Equal(1, host.Counters.FailedInvocations);
    }

    [Theory]
    [InlineData("0 */5 * * * *", "2026-01-05T00:02:00Z", "2026-01-05T00:05:00Z")]
    [InlineData("*/30 * * * * *", "2026-01-05T00:00:30Z", "2026-01-05T00:01:00Z")]
    [InlineData("00:15:00", "2026-01-05T00:20:00Z", "2026-01-05T00:30:00Z")]
    public void TimerSchedule_Next_FollowsTheExpression(string expression, string after, string expected)
    {
        var schedule = TimerSchedule.Parse(expression, "F");

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), schedule.Next(DateTimeOffset.Parse(after, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void TimerSchedule_FiveFieldExpression_IsRefusedNamingTheFunction()
    {
        var ex = Assert.Throws<FormatException>(() => TimerSchedule.Parse("*/5 * * * *", "Forecast"));

        Assert.Contains("Forecast/function.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostSettings_MissingPlaceholderSetting_NamesIt()
    {
        var settings = new HostSettings(new Dictionary<string, string?>());

        var ex = Assert.Throws<InvalidOperationException>(() => settings.Resolve("%NoSuchSetting_pm%", "Tick/function.json schedule"));

        Assert.Contains("NoSuchSetting_pm", ex.Message, StringComparison.Ordinal);
    }
}
