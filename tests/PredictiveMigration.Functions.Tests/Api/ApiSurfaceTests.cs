using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PredictiveMigration.Functions.Api.OpenApi;
using PredictiveMigration.Functions.Dashboard;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Functions.Hosting.Bindings;
using PredictiveMigration.Functions.Tests.Support;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Functions.Tests.Api;

/// <summary>The API's surface: keys, the OpenAPI document, the dashboard's files, the migration endpoints' validation.</summary>
public class ApiSurfaceTests(StorageFixture storage)
{
    private const string Key = "test-key-0123456789";

    [Fact]
    public void OpenApi_EveryHttpFunctionIsDocumented_AndEveryDocumentedFunctionExists()
    {
        var http = FunctionCatalog.All.Where(f => f.Trigger is HttpTriggerBinding).Select(f => f.Name).ToList();

        Assert.All(http, name => Assert.True(ApiDocs.Has(name), $"{name} has no ApiDocs entry"));
        Assert.Contains(FunctionCatalog.CreateMigration, http);
    }

    [Fact(Timeout = 120_000)]
    public async Task ApiKey_Configured_401WithoutIt_200WithHeaderOrCode_AnonymousRoutesOpen()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), extraArgs: [$"--ApiKey={Key}"]);
        var ct = TestContext.Current.CancellationToken;

        using var denied = await host.Client.GetAsync("/api/servers", ct);
        var problem = await denied.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal("application/problem+json", denied.Content.Headers.ContentType!.MediaType);
        Assert.Equal("x-functions-key", problem.GetProperty("field").GetString());

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/servers");
        wrong.Headers.Add("x-functions-key", "nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(wrong, ct)).StatusCode);

        using var withHeader = new HttpRequestMessage(HttpMethod.Get, "/api/servers");
        withHeader.Headers.Add("x-functions-key", Key);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(withHeader, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync($"/api/servers?code={Key}", ct)).StatusCode);

        // A write served locally needs the key too; the readiness probe, the document and the dashboard do not.
        using var post = await host.Client.PostAsync("/api/migrations", new StringContent("{}", Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/api/openapi.json", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/api/dashboard/", ct)).StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task OpenApi_Document_ListsPathsWithParametersAndSecurity()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require());
        var doc = await host.GetJsonAsync("/api/openapi.json");

        Assert.Equal("3.1.0", doc.GetProperty("openapi").GetString());
        var paths = doc.GetProperty("paths");
        var approve = paths.GetProperty("/api/migrations/{migrationId}/approve").GetProperty("post");
        Assert.Equal(FunctionCatalog.ApproveMigration, approve.GetProperty("operationId").GetString());
        Assert.Contains(approve.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "migrationId" && p.GetProperty("in").GetString() == "path");
        Assert.True(approve.GetProperty("responses").TryGetProperty("401", out _));
        var metrics = paths.GetProperty("/api/servers/{serverId}/metrics").GetProperty("get");
        Assert.Contains(metrics.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "resolution");
        Assert.False(paths.GetProperty("/api/health").GetProperty("get").TryGetProperty("security", out _));
        Assert.Equal(FunctionCatalog.All.Count(f => f.Trigger is HttpTriggerBinding), paths.EnumerateObject().Sum(p => p.Value.EnumerateObject().Count()));
    }

    [Fact(Timeout = 120_000)]
    public async Task Dashboard_ServesItsFiles_WithETags_And404ForUnknown()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require());
        var ct = TestContext.Current.CancellationToken;

        Assert.Contains("index.html", DashboardFunctions.FileNames);
        using var root = await host.Client.GetAsync("/api/dashboard", ct);
        Assert.Equal("/api/dashboard/", root.RequestMessage!.RequestUri!.AbsolutePath);
        using var index = await host.Client.GetAsync("/api/dashboard/", ct);
        Assert.Equal("text/html", index.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script src=\"app.js\"></script>", await index.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        using var js = await host.Client.GetAsync("/api/dashboard/app.js", ct);
        Assert.Equal("text/javascript", js.Content.Headers.ContentType!.MediaType);
        var etag = js.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard/app.js");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await host.Client.SendAsync(again, ct)).StatusCode);

        using var missing = await host.Client.GetAsync("/api/dashboard/nope.js", ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Migrations_Api_ValidatesInput_AndAnswers404ForUnknownIds()
    {
        var prefix = UniqueNames.Table("m");
        await using var host = await FunctionsAppHost.StartAsync(storage.Require(), tablePrefix: prefix, extraArgs: ["--DurableBackend:TaskHubName=" + prefix + "hub"]);
        var ct = TestContext.Current.CancellationToken;

        using var listed = await host.Client.GetAsync("/api/migrations", ct);
        var listBody = await listed.Content.ReadAsStringAsync(ct);
        Assert.True(listed.IsSuccessStatusCode, listBody);
        Assert.True(JsonDocument.Parse(listBody).RootElement.GetProperty("total").GetInt32() >= 0);

        await AssertProblem(await host.Client.GetAsync("/api/migrations?status=bogus", ct), HttpStatusCode.BadRequest, "status");
        await AssertProblem(await host.Client.GetAsync("/api/migrations?max=0", ct), HttpStatusCode.BadRequest, "max");
        await AssertProblem(await host.Client.GetAsync("/api/migrations/mig-none", ct), HttpStatusCode.NotFound, "migrationId");
        await AssertProblem(await host.PostJsonAsync("/api/migrations", "{}"), HttpStatusCode.BadRequest, "serverId");
        await AssertProblem(await host.PostJsonAsync("/api/migrations", "[1]"), HttpStatusCode.BadRequest, "body");
        await AssertProblem(await host.PostJsonAsync("/api/migrations", "{\"serverId\":\"a\",\"reason\":\"" + new string('x', 501) + "\"}"), HttpStatusCode.BadRequest, "reason");
        await AssertProblem(await host.PostJsonAsync("/api/migrations/mig-none/approve", "{}"), HttpStatusCode.NotFound, "migrationId");
        await AssertProblem(await host.PostJsonAsync("/api/migrations/mig-none/cancel", "{}"), HttpStatusCode.NotFound, "migrationId");

        // The same function as the host calls it: the envelope in, Outputs.res out (PROTOCOL.md §2.3).
        var envelope = JsonSerializer.Serialize(new { Data = new { req = new { Method = "POST", Url = "http://x/api/migrations", Query = new { }, Headers = new { }, Params = new { }, Body = "{}" } }, Metadata = new { } });
        using var invoked = await host.PostJsonAsync("/" + FunctionCatalog.CreateMigration, envelope);
        var result = await invoked.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
        var res = result.GetProperty("Outputs").GetProperty("res");
        Assert.Equal(400, res.GetProperty("statusCode").GetInt32());
        Assert.Equal("serverId", JsonDocument.Parse(res.GetProperty("body").GetString()!).RootElement.GetProperty("field").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Migrations_WritesWithoutAnyDurableClient_Answer503()
    {
        await using var host = await FunctionsAppHost.StartAsync(storage.Require());

        using var response = await host.PostJsonAsync("/api/migrations", "{\"serverId\":\"a\"}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public void SvgTimeChart_DrawsLinesBandsThresholdsAndMarkers_AndSaysWhenEmpty()
    {
        var t0 = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var actual = Enumerable.Range(0, 12).Select(i => new TimePoint(t0.AddMinutes(5 * i), 40 + i)).ToList();
        var band = Enumerable.Range(12, 12).Select(i => new BandPoint(t0.AddMinutes(5 * i), 45 + i, 60 + i)).ToList();
        var svg = new SvgTimeChart("cpu", "CPU <forecast>") { Unit = "%", MinValue = 0, MaxValue = 100 }
            .Line("actual", actual)
            .Band("p90", band)
            .Threshold("exhaustion", 90)
            .Marker("now", t0.AddMinutes(55))
            .Render();

        Assert.Contains("data-chart=\"cpu\"", svg, StringComparison.Ordinal);
        Assert.Contains("data-series=\"actual\" data-points=\"12\"", svg, StringComparison.Ordinal);
        Assert.Contains("data-band=\"p90\"", svg, StringComparison.Ordinal);
        Assert.Contains("data-threshold=\"exhaustion\" data-value=\"90\"", svg, StringComparison.Ordinal);
        Assert.Contains("CPU &lt;forecast&gt;", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.Contains("no data yet", new SvgTimeChart("x", "empty").Render(), StringComparison.Ordinal);

        var timeline = SvgTimeline.Render("t", "steps", [new TimelineRow("Provision", t0, t0.AddMinutes(3), "Completed"), new TimelineRow("Replicate", t0.AddMinutes(3), null, "Running")], t0.AddMinutes(10));
        Assert.Contains("data-step=\"Replicate\" data-status=\"Running\"", timeline, StringComparison.Ordinal);
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(field, body.GetProperty("field").GetString());
        }
    }
}
