using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PredictiveMigration.Functions.Tests.Support;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Functions.Tests.Ingestion;

/// <summary><c>POST /api/metrics</c>, the plain HTTP path agents use locally.</summary>
public class IngestMetricsHttpTests(StorageFixture storage)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 60_000)]
    public async Task Post_ArrayWithOneBadEvent_Answers200ListingTheRejection()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), new FixedTimeProvider(Now));
        var good = HostEnvelope.Event("app-1", 1, Now.AddMinutes(-1));
        var bad = good.Replace("\"seq\":1", "\"seq\":2", StringComparison.Ordinal).Replace("\"cpuPercent\":50", "\"cpuPercent\":500", StringComparison.Ordinal);

        using var response = await host.PostJsonAsync("/api/metrics", $"[{good},{bad}]");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var rejected = body.GetProperty("rejected")[0];
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.Equal("OutOfRange", rejected.GetProperty("reason").GetString());
        Assert.Equal("cpuPercent", rejected.GetProperty("field").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_MalformedBody_Answers400ProblemJsonNamingTheField()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), new FixedTimeProvider(Now));

        using var response = await host.PostJsonAsync("/api/metrics", "[{\"oops\"");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("body", problem.GetProperty("field").GetString());
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_EveryEventInvalid_Answers400WithEachError()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), new FixedTimeProvider(Now));

        using var response = await host.PostJsonAsync("/api/metrics", "[{\"schemaVersion\":1}]");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("serverId", problem.GetProperty("field").GetString());
        Assert.Equal("MissingField", problem.GetProperty("errors")[0].GetProperty("reason").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_BodyOverTheLimit_Answers413()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), new FixedTimeProvider(Now));

        using var response = await host.PostJsonAsync("/api/metrics", "[\"" + new string('x', 5 * 1024 * 1024) + "\"]");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Post_WhileStorageIsDown_Answers503WithRetryAfter()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), new FixedTimeProvider(Now));
        host.Policy.FailAfter = 0;

        using var response = await host.PostJsonAsync("/api/metrics", $"[{HostEnvelope.Event("app-1", 1, Now.AddMinutes(-1))}]");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter!.ToString());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("metric=bogus", "metric")]
    [InlineData("resolution=7s", "resolution")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-11-23T10:00:00Z&to=2026-11-23T09:00:00Z", "to")]
    public async Task GetMetrics_BadQuery_Answers400NamingTheField(string query, string field)
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), new FixedTimeProvider(Now));

        using var response = await host.Client.GetAsync($"/api/servers/web-01/metrics?{query}", TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task GetMetrics_OffsetWhosePlusArrivedAsASpace_IsUnderstood()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), new FixedTimeProvider(Now));

        var series = await host.GetJsonAsync("/api/servers/web-01/metrics?metric=cpuPercent&from=2026-11-23T10:00:00+01:00&to=2026-11-23T09:10:00Z&resolution=5m");

        Assert.Equal(2, series.GetProperty("series")[0].GetProperty("points").GetArrayLength());
    }
}
