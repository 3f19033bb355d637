using System.Net;
using System.Text.Json;
using PredictiveMigration.Functions.Tests.Support;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Functions.Tests.Ingestion;

/// <summary>The Event Hubs route, driven the way the Functions host drives it, over a real port, into Azurite.</summary>
public class IngestMetricsEndToEndTests(StorageFixture storage)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Minute = Now.AddMinutes(-10);

    private static List<string> Events(string server, int count, long firstSeq = 0) =>
        [.. Enumerable.Range(0, count).Select(i => HostEnvelope.Event(server, firstSeq + i, Minute.AddSeconds(i * 10), cpu: 10 + i))];

    private static async Task<JsonElement> InvokeAsync(FunctionsAppHost host, string envelope, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await host.PostJsonAsync("/IngestMetrics", envelope);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact(Timeout = 60_000)]
    public async Task IngestThenQuery_RoundTripsTheRollups()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), new FixedTimeProvider(Now));

        var reply = await InvokeAsync(host, HostEnvelope.EventHub(Events("web-01", 12)));
        var series = await host.GetJsonAsync($"/api/servers/web-01/metrics?metric=cpuPercent&from={Minute:yyyy-MM-ddTHH:mm:ssZ}&to={Minute.AddMinutes(3):yyyy-MM-ddTHH:mm:ssZ}&resolution=1m");

        Assert.Contains("accepted 12", reply.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, reply.GetProperty("Outputs").ValueKind);
        var points = series.GetProperty("series")[0].GetProperty("points");
        Assert.Equal(3, points.GetArrayLength());
        Assert.Equal(6, points[0].GetProperty("count").GetInt32());
        Assert.Equal(12.5, points[0].GetProperty("mean").GetDouble());
        Assert.Equal(21, points[1].GetProperty("max").GetDouble());
        Assert.True(points[2].GetProperty("gap").GetBoolean());
        Assert.Equal(1, series.GetProperty("series")[0].GetProperty("gaps").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task Ingest_SameBatchDeliveredTwice_LeavesTheSameState()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), new FixedTimeProvider(Now));
        var envelope = HostEnvelope.EventHub([.. Events("web-01", 6), .. Events("web-02", 6), "{broken"]);

        await InvokeAsync(host, envelope);
        var first = await host.GetJsonAsync($"/api/servers/web-02/metrics?from={Minute:yyyy-MM-ddTHH:mm:ssZ}&to={Minute.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}");
        var second = await InvokeAsync(host, envelope);
        var after = await host.GetJsonAsync($"/api/servers/web-02/metrics?from={Minute:yyyy-MM-ddTHH:mm:ssZ}&to={Minute.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}");
        var dead = await host.GetJsonAsync("/api/deadletters");

        Assert.Contains("accepted 0, duplicates 12", second.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(first.GetRawText(), after.GetRawText());
        Assert.Equal(1, dead.GetProperty("deadLetters").GetArrayLength());
    }

    [Fact(Timeout = 60_000)]
    public async Task Ingest_GoodAndPoisonEventsMixed_KeepsTheGoodAndDeadLettersEachBadOneWithItsReason()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), new FixedTimeProvider(Now));
        var good = Events("db-01", 3);
        var farFuture = HostEnvelope.Event("db-01", 99, Now.AddHours(2));
        var nan = good[0].Replace("\"cpuPercent\":10", "\"cpuPercent\":\"NaN\"", StringComparison.Ordinal).Replace("\"seq\":0", "\"seq\":50", StringComparison.Ordinal);
        var badId = HostEnvelope.Event("bad id!", 1, Minute);

        var reply = await InvokeAsync(host, HostEnvelope.EventHub([good[0], farFuture, good[1], nan, "plain text", badId, good[2]]));
        var dead = (await host.GetJsonAsync("/api/deadletters")).GetProperty("deadLetters").EnumerateArray().ToList();
        var servers = (await host.GetJsonAsync("/api/servers")).GetProperty("servers");

        Assert.Contains("accepted 3", reply.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(
            ["ClockSkew:1", "InvalidServerId:5", "Malformed:4", "NotFinite:3"],
            dead.Select(d => $"{d.GetProperty("reason").GetString()}:{d.GetProperty("index").GetInt32()}").Order());
        Assert.All(dead, d => Assert.Equal("eventhub:metrics/3", d.GetProperty("source").GetString()));
        Assert.Contains(dead, d => d.GetProperty("payload").GetString() == "plain text");
        var server = Assert.Single(servers.EnumerateArray());
        Assert.Equal("db-01", server.GetProperty("serverId").GetString());
        Assert.Equal(4, server.GetProperty("cpuCores").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task Ingest_StorageFailsDuringTheBatch_InvocationFailsAndTheRetryCompletesIt()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), new FixedTimeProvider(Now));
        await InvokeAsync(host, HostEnvelope.EventHub(Events("warm-up", 1)));
        var servers = Enumerable.Range(0, 30).Select(i => $"s{i:D2}").ToList();
        var envelope = HostEnvelope.EventHub([.. servers.SelectMany(s => Events(s, 6))]);

        host.Policy.FailAfter = host.Policy.Requests + 3;
        var failed = await InvokeAsync(host, envelope, HttpStatusCode.InternalServerError);
        host.Policy.FailAfter = null;
        var retried = await InvokeAsync(host, HostEnvelope.EventHub([.. servers.SelectMany(s => Events(s, 6))], retryCount: 1));

        Assert.Contains("ingestion failed", failed.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        var counts = new List<int>();
        foreach (var s in servers)
        {
            var series = await host.GetJsonAsync($"/api/servers/{s}/metrics?metric=cpuPercent&from={Minute:yyyy-MM-ddTHH:mm:ssZ}&to={Minute.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}");
            counts.Add(series.GetProperty("series")[0].GetProperty("points")[0].GetProperty("count").GetInt32());
        }

        Assert.All(counts, c => Assert.Equal(6, c));
        Assert.Contains("received 180", retried.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ingest_UndecodableEnvelope_IsDeadLetteredWholeAndAcknowledged()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), new FixedTimeProvider(Now));

        var reply = await InvokeAsync(host, "{\"Data\":{\"somethingElse\":1}}");
        var dead = (await host.GetJsonAsync("/api/deadletters")).GetProperty("deadLetters");

        Assert.Contains("envelope dead-lettered", reply.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("eventhub:envelope", dead[0].GetProperty("source").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Root_AnswersTheHostReadinessProbe()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require());

        var root = await host.GetJsonAsync("/");

        Assert.Equal("ok", root.GetProperty("status").GetString());
    }
}
