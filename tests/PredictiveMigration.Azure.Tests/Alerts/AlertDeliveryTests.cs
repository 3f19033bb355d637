using System.Net;
using System.Net.Sockets;
using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Alerts;

/// <summary>Retries, Retry-After, giving up, timeouts and crash safety, against a real receiver and Azurite.</summary>
public class AlertDeliveryTests(StorageFixture storage)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Deliver_500ThenOk_RetriesAfterBackoffAndRecordsDelivered()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        receiver.Script("ops", new AlertReceiver.Reply(500));
        await using var ctx = new AlertTestContext(storage, AlertTestContext.Hook("ops", receiver.Url("ops")));
        var alert = TestAlerts.Started("mig-1", AlertTestContext.Start);
        await ctx.Publisher.PublishAsync(alert, Ct);

        var first = await ctx.Worker.RunOnceAsync(Ct);
        var pending = Assert.Single((await ctx.EntryAsync(alert.Id)).Deliveries);
        var early = await ctx.Worker.RunOnceAsync(Ct);
        ctx.Advance(TimeSpan.FromSeconds(10)); // the first backoff is at most BaseRetryDelay (10 s)
        var second = await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal((1, 0, 1), (first.Attempted, first.Delivered, first.Retrying));
        Assert.Equal(AlertDeliveryState.Pending, pending.State);
        Assert.Equal("HTTP 500 Internal Server Error", pending.LastError);
        Assert.InRange(pending.NextAttemptAt!.Value, AlertTestContext.Start.AddSeconds(5), AlertTestContext.Start.AddSeconds(10));
        Assert.Equal(0, early.Attempted); // not due yet
        Assert.Equal((1, 1), (second.Attempted, second.Delivered));
        var requests = receiver.For("ops");
        Assert.Equal(["1", "2"], requests.Select(r => r.Header("X-PM-Delivery-Attempt")));
        Assert.Single(requests.Select(r => r.Header("Idempotency-Key")).Distinct());
        var delivered = Assert.Single((await ctx.EntryAsync(alert.Id)).Deliveries);
        Assert.Equal((AlertDeliveryState.Delivered, 2), (delivered.State, delivered.Attempts));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Deliver_RetryAfterSeconds_WaitsExactlyThatLong(int status)
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        receiver.Script("ops", new AlertReceiver.Reply(status, "120"));
        await using var ctx = new AlertTestContext(storage, AlertTestContext.Hook("ops", receiver.Url("ops")));
        var alert = TestAlerts.Started("mig-1", AlertTestContext.Start);
        await ctx.Publisher.PublishAsync(alert, Ct);

        await ctx.Worker.RunOnceAsync(Ct);
        var status1 = Assert.Single((await ctx.EntryAsync(alert.Id)).Deliveries);
        ctx.Advance(TimeSpan.FromSeconds(119)); // far beyond the 10 s backoff, still inside Retry-After
        var tooEarly = await ctx.Worker.RunOnceAsync(Ct);
        ctx.Advance(TimeSpan.FromSeconds(1));
        var due = await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal(AlertTestContext.Start.AddSeconds(120), status1.NextAttemptAt);
        Assert.Contains("Retry-After 120 s", status1.LastError, StringComparison.Ordinal);
        Assert.Equal(0, tooEarly.Attempted);
        Assert.Equal(1, due.Delivered);
        Assert.Equal(2, receiver.For("ops").Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task Deliver_RetryAfterHttpDate_IsHonouredAgainstTheClock()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        receiver.Script("ops", new AlertReceiver.Reply(503, AlertTestContext.Start.AddMinutes(5).ToString("R")));
        await using var ctx = new AlertTestContext(storage, AlertTestContext.Hook("ops", receiver.Url("ops")));
        var alert = TestAlerts.Started("mig-1", AlertTestContext.Start);
        await ctx.Publisher.PublishAsync(alert, Ct);

        await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal(AlertTestContext.Start.AddMinutes(5), Assert.Single((await ctx.EntryAsync(alert.Id)).Deliveries).NextAttemptAt);
    }

    [Fact(Timeout = 60_000)]
    public async Task Deliver_AlwaysFailing_GivesUpAtMaxAttemptsIntoDeadLetters()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        receiver.Always("ops", new AlertReceiver.Reply(502));
        var settings = AlertTestContext.Hook("ops", receiver.Url("ops"));
        settings["Alerts:MaxAttempts"] = "3";
        await using var ctx = new AlertTestContext(storage, settings);
        var alert = TestAlerts.Failed("mig-7", AlertTestContext.Start);
        await ctx.Publisher.PublishAsync(alert, Ct);

        var passes = new List<Azure.Alerts.AlertDeliveryPass>();
        for (var i = 0; i < 5; i++)
        {
            passes.Add(await ctx.Worker.RunOnceAsync(Ct));
            ctx.Advance(TimeSpan.FromMinutes(5)); // MaxRetryDelay: every backoff is due
        }

        Assert.Equal(3, receiver.For("ops").Count);
        Assert.Equal([1, 1, 1, 0, 0], passes.Select(p => p.Attempted));
        Assert.Equal(1, passes[2].DeadLettered);
        var dead = Assert.Single(await ctx.Log.ListDeadLettersAsync(10, Ct));
        Assert.Equal(alert.Id + "~ops", dead.DeliveryId);
        Assert.Equal("ops", dead.Subscription);
        Assert.Equal(alert.Id, dead.Alert.Id);
        Assert.Equal(alert.Text, dead.Alert.Text);
        Assert.Equal(3, dead.Attempts);
        Assert.Equal(502, dead.LastStatusCode);
        Assert.Equal("gave up after 3 attempt(s); last: HTTP 502 Bad Gateway", dead.Reason);
        var status = Assert.Single((await ctx.EntryAsync(alert.Id)).Deliveries);
        Assert.Equal((AlertDeliveryState.DeadLettered, 3), (status.State, status.Attempts));
    }

    [Fact(Timeout = 60_000)]
    public async Task Deliver_404_DeadLettersAtOnceWithoutRetrying()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        receiver.Always("gone", new AlertReceiver.Reply(404));
        await using var ctx = new AlertTestContext(storage, AlertTestContext.Hook("gone", receiver.Url("gone")));
        await ctx.Publisher.PublishAsync(TestAlerts.Started("mig-1", AlertTestContext.Start), Ct);

        var pass = await ctx.Worker.RunOnceAsync(Ct);
        ctx.Advance(TimeSpan.FromHours(1));
        var later = await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal(1, pass.DeadLettered);
        Assert.Equal(0, later.Attempted);
        Assert.Single(receiver.For("gone"));
        var dead = Assert.Single(await ctx.Log.ListDeadLettersAsync(10, Ct));
        Assert.Equal(404, dead.LastStatusCode);
        Assert.Contains("not retried", dead.Reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Deliver_OneReceiverHangs_OthersAreDeliveredInTheSamePassAndTheHungOneRetries()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        receiver.Hang("slow");
        var settings = AlertTestContext.Merge(AlertTestContext.Hook("slow", receiver.Url("slow")), AlertTestContext.Hook("fast", receiver.Url("fast")));
        settings["Alerts:Subscriptions:slow:RequestTimeout"] = "00:00:01";
        await using var ctx = new AlertTestContext(storage, settings);
        var alerts = Enumerable.Range(0, 3).Select(i => TestAlerts.Started($"mig-{i}", AlertTestContext.Start)).ToList();
        foreach (var alert in alerts)
        {
            await ctx.Publisher.PublishAsync(alert, Ct);
        }

        var pass = await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal((6, 3, 3), (pass.Attempted, pass.Delivered, pass.Retrying));
        Assert.Equal(3, receiver.For("fast").Count);
        Assert.Equal(3, receiver.For("slow").Count);
        foreach (var alert in alerts)
        {
            var deliveries = (await ctx.EntryAsync(alert.Id)).Deliveries.ToDictionary(d => d.Subscription);
            Assert.Equal(AlertDeliveryState.Delivered, deliveries["fast"].State);
            Assert.Equal(AlertDeliveryState.Pending, deliveries["slow"].State);
            Assert.Equal("no answer within 1 s", deliveries["slow"].LastError);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_ReceiverDown_DoesNotThrowAndDeliveryRetriesUntilItIsUp()
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/down");
        await using var ctx = new AlertTestContext(storage, AlertTestContext.Hook("down", url));
        var alert = TestAlerts.Failed("mig-3", AlertTestContext.Start);

        var result = await ctx.Publisher.PublishAsync(alert, Ct);
        var pass = await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal(AlertPublishOutcome.Enqueued, result.Outcome);
        Assert.Equal(["down"], result.Enqueued);
        Assert.Equal(1, pass.Retrying);
        var status = Assert.Single((await ctx.EntryAsync(alert.Id)).Deliveries);
        Assert.StartsWith("request failed:", status.LastError, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Publish_ThenCrashBeforeDelivery_ANewProcessDeliversIt()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        await using var ctx = new AlertTestContext(storage, AlertTestContext.Hook("ops", receiver.Url("ops")));
        var alert = TestAlerts.Started("mig-1", AlertTestContext.Start);
        await ctx.Publisher.PublishAsync(alert, Ct);

        await ctx.RestartAsync(); // the first process dies with its worker; nothing was sent
        var pass = await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal(1, pass.Delivered);
        Assert.Equal(alert.Id, Assert.Single(receiver.For("ops")).Json.GetProperty("id").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Deliver_CrashAfterClaim_IsRetriedAfterTheLeaseWithTheSameIdempotencyKey()
    {
        await using var receiver = await AlertReceiver.StartAsync(Ct);
        receiver.Hang("ops");
        var settings = AlertTestContext.Hook("ops", receiver.Url("ops"));
        settings["Alerts:Subscriptions:ops:RequestTimeout"] = "00:00:30";
        await using var ctx = new AlertTestContext(storage, settings);
        var alert = TestAlerts.Started("mig-1", AlertTestContext.Start);
        await ctx.Publisher.PublishAsync(alert, Ct);

        // A worker claims the delivery and dies mid-request.
        using (var crash = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            var running = ctx.Worker.RunOnceAsync(crash.Token);
            while (receiver.For("ops").Count == 0)
            {
                await Task.Delay(20, Ct);
            }

            await crash.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        }

        receiver.StopHanging("ops");
        await ctx.RestartAsync();
        var hidden = await ctx.Worker.RunOnceAsync(Ct);
        ctx.Advance(TimeSpan.FromSeconds(60)); // request timeout 30 s + lease margin 30 s
        var takenOver = await ctx.Worker.RunOnceAsync(Ct);

        Assert.Equal(0, hidden.Attempted);
        Assert.Equal(1, takenOver.Delivered);
        var requests = receiver.For("ops");
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Header("Idempotency-Key"), requests[1].Header("Idempotency-Key"));
        Assert.Equal("2", requests[1].Header("X-PM-Delivery-Attempt"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
