using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Alerts;

/// <summary>De-duplication, filters, rate limits, the per-server high-risk cap and throttle summaries.</summary>
public class AlertAdmissionTests(StorageFixture storage)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Publish_SameDedupKeyInsideWindow_IsDeliveredOnceAndAgainAfterTheWindow()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        var settings = AlertTestContext.Hook("ops", receiver.Url("ops"));
        settings["Alerts:DedupWindow"] = "00:30:00";
        await using var ctx = new AlertTestContext(storage, settings);

        var first = await ctx.Publisher.PublishAsync(TestAlerts.HighRisk("web-01", AlertTestContext.Start), Ct);
        ctx.Advance(TimeSpan.FromMinutes(29));
        var repeat = await ctx.Publisher.PublishAsync(TestAlerts.HighRisk("web-01", ctx.Clock.Now), Ct);
        var otherServer = await ctx.Publisher.PublishAsync(TestAlerts.HighRisk("web-02", ctx.Clock.Now), Ct);
        await ctx.Worker.RunOnceAsync(Ct);
        ctx.Advance(TimeSpan.FromMinutes(2));
        var afterWindow = await ctx.Publisher.PublishAsync(TestAlerts.HighRisk("web-01", ctx.Clock.Now), Ct);
        await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal(
            [AlertPublishOutcome.Enqueued, AlertPublishOutcome.Duplicate, AlertPublishOutcome.Enqueued, AlertPublishOutcome.Enqueued],
            new[] { first, repeat, otherServer, afterWindow }.Select(r => r.Outcome));
        // Deliveries in one pass run in parallel: compare without order.
        Assert.Equal(["web-01", "web-01", "web-02"], receiver.For("ops").Select(r => r.Json.GetProperty("serverId").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(afterWindow.Enqueued, ["ops"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_SameAlertTwice_ReturnsTheFirstResultAndDeliversOnce()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        var settings = AlertTestContext.Hook("ops", receiver.Url("ops"));
        settings["Alerts:DedupWindow"] = "00:00:00"; // de-duplication off: only the id makes it idempotent
        await using var ctx = new AlertTestContext(storage, settings);
        var alert = TestAlerts.Completed("mig-5");

        var first = await ctx.Publisher.PublishAsync(alert, Ct);
        await ctx.Worker.RunOnceAsync(Ct);
        ctx.Advance(TimeSpan.FromMinutes(1));
        var again = await ctx.Publisher.PublishAsync(alert, Ct);
        await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal(AlertPublishOutcome.Enqueued, again.Outcome);
        Assert.Equal(first.Enqueued, again.Enqueued);
        Assert.Single(receiver.For("ops"));
        Assert.Single(await ctx.Log.ListRecentAsync(10, Ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_KindAndSeverityFilters_SendOnlyWhatEachSubscriptionWants()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        var settings = AlertTestContext.Merge(
            AlertTestContext.Hook("all", receiver.Url("all")),
            AlertTestContext.Hook("failures", receiver.Url("failures"), kinds: "MigrationFailed, migrationRolledBack"));
        settings["Alerts:Subscriptions:pager:Url"] = receiver.Url("pager").AbsoluteUri;
        settings["Alerts:Subscriptions:pager:MinSeverity"] = "critical";
        await using var ctx = new AlertTestContext(storage, settings);

        var started = await ctx.Publisher.PublishAsync(TestAlerts.Started("mig-1", AlertTestContext.Start), Ct);
        var warning = await ctx.Publisher.PublishAsync(TestAlerts.HighRisk("web-01", AlertTestContext.Start, score: 70), Ct);
        var failed = await ctx.Publisher.PublishAsync(TestAlerts.Failed("mig-1", AlertTestContext.Start), Ct);
        await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal(["all"], started.Enqueued);
        Assert.Equal(["all"], warning.Enqueued);
        Assert.Equal(["all", "failures", "pager"], failed.Enqueued);
        Assert.Equal(3, receiver.For("all").Count);
        Assert.Equal("migrationFailed", Assert.Single(receiver.For("failures")).Json.GetProperty("kind").GetString());
        Assert.Equal("migrationFailed", Assert.Single(receiver.For("pager")).Json.GetProperty("kind").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_NoSubscription_IsLoggedButNotEnqueued()
    {
        await using var ctx = new AlertTestContext(storage, []);
        var alert = TestAlerts.Started("mig-1", AlertTestContext.Start);

        var result = await ctx.Publisher.PublishAsync(alert, Ct);
        var pass = await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal(AlertPublishOutcome.NoSubscriber, result.Outcome);
        Assert.Equal(0, pass.Attempted);
        Assert.Empty((await ctx.EntryAsync(alert.Id)).Deliveries);
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_OverRateLimit_SuppressesCountsAndSendsOneSummaryWhenTheWindowEnds()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        var settings = AlertTestContext.Merge(AlertTestContext.Hook("ops", receiver.Url("ops")), AlertTestContext.Hook("audit", receiver.Url("audit")));
        settings["Alerts:Subscriptions:ops:RateLimitCount"] = "2";
        settings["Alerts:Subscriptions:ops:RateLimitWindow"] = "00:10:00";
        await using var ctx = new AlertTestContext(storage, settings);

        var results = new List<AlertPublishResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await ctx.Publisher.PublishAsync(TestAlerts.Started($"mig-{i}", ctx.Clock.Now, server: i < 3 ? "web-01" : "db-02"), Ct));
            ctx.Advance(TimeSpan.FromSeconds(30));
        }

        var during = await ctx.Worker.RunOnceAsync(Ct);
        var suppressedEntry = await ctx.EntryAsync(TestAlerts.Started("mig-4", AlertTestContext.Start).Id);
        ctx.Advance(TimeSpan.FromMinutes(10));
        var after = await ctx.Worker.RunOnceAsync(Ct);
        var again = await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal(["audit,ops", "audit,ops", "audit", "audit", "audit"], results.Select(r => string.Join(',', r.Enqueued.Order(StringComparer.Ordinal))));
        Assert.Equal(["ops"], results[4].Suppressed);
        Assert.Equal(0, during.Summaries);
        var suppressed = suppressedEntry.Deliveries.Single(d => d.Subscription == "ops");
        Assert.Equal(AlertDeliveryState.Suppressed, suppressed.State);
        Assert.Equal("rate limit (2 per 10 min)", suppressed.LastError);
        Assert.Equal((1, 1), (after.Summaries, after.Delivered));
        Assert.Equal((0, 0), (again.Summaries, again.Attempted));
        Assert.Equal(5, receiver.For("audit").Count);
        var ops = receiver.For("ops");
        Assert.Equal(3, ops.Count);
        var summary = ops[2].Json;
        Assert.Equal("throttleSummary", summary.GetProperty("kind").GetString());
        Assert.Equal("3 alerts were held back from 'ops' by throttling", summary.GetProperty("title").GetString());
        Assert.Contains("rate limit (2 per 10 min) 3", summary.GetProperty("text").GetString(), StringComparison.Ordinal);
        var facts = summary.GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal("3", facts["Suppressed"]);
        Assert.Equal("MigrationStarted 3", facts["By kind"]);
        Assert.Equal("db-02 2, web-01 1", facts["By server"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_FlappingServer_IsCappedWhileOtherServersStillAlert()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        var settings = AlertTestContext.Hook("ops", receiver.Url("ops"));
        settings["Alerts:DedupWindow"] = "00:01:00";
        settings["Alerts:HighRiskPerServerCount"] = "2";
        settings["Alerts:HighRiskPerServerWindow"] = "01:00:00";
        await using var ctx = new AlertTestContext(storage, settings);

        var flapping = new List<AlertPublishOutcome>();
        for (var i = 0; i < 4; i++)
        {
            flapping.Add((await ctx.Publisher.PublishAsync(TestAlerts.HighRisk("web-01", ctx.Clock.Now), Ct)).Outcome);
            ctx.Advance(TimeSpan.FromMinutes(5)); // past the dedup window each time
        }

        var other = await ctx.Publisher.PublishAsync(TestAlerts.HighRisk("web-02", ctx.Clock.Now), Ct);
        await ctx.Worker.RunOnceAsync(Ct);
        ctx.Advance(TimeSpan.FromHours(1));
        var nextWindow = await ctx.Publisher.PublishAsync(TestAlerts.HighRisk("web-01", ctx.Clock.Now), Ct);
        await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal([AlertPublishOutcome.Enqueued, AlertPublishOutcome.Enqueued, AlertPublishOutcome.Suppressed, AlertPublishOutcome.Suppressed], flapping);
        Assert.Equal(AlertPublishOutcome.Enqueued, other.Outcome);
        Assert.Equal(AlertPublishOutcome.Enqueued, nextWindow.Outcome);
        var kinds = receiver.For("ops").Select(r => (r.Json.GetProperty("kind").GetString(), r.Json.GetProperty("serverId").GetString())).ToList();
        Assert.Equal(4, kinds.Count(k => k.Item1 == "highRisk"));
        // The cap's suppressions are reported in the rate-limit window(s) they fell in (15 min by default).
        var summaries = receiver.For("ops").Where(r => r.Json.GetProperty("kind").GetString() == "throttleSummary").Select(r => r.Json).ToList();
        Assert.NotEmpty(summaries);
        Assert.Equal(2, summaries.Sum(s => int.Parse(s.GetProperty("facts")[0].GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(summaries, s => Assert.Contains("high-risk cap per server (2 per 1 h)", s.GetProperty("text").GetString(), StringComparison.Ordinal));
        Assert.All(summaries, s => Assert.StartsWith("web-01 ", s.GetProperty("facts")[3].GetProperty("value").GetString(), StringComparison.Ordinal));
    }
}
