using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Functions;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Dashboard.Tests;

/// <summary>
/// The dashboard in a real Chromium against the real app on a loopback port with Azurite. Data goes in through the
/// app: metrics over HTTP, a risk row and a migration through the app's own stores.
/// </summary>
public sealed partial class DashboardBrowserTests(StorageFixture storage)
{
    private const string ApiKey = "dashboard-test-key";

    [Fact]
    public async Task Dashboard_ShowsFleetByRisk_ServerCharts_AndMigrationTimeline()
    {
        var chromium = RequireChromium();
        var connectionString = storage.Require();
        var ct = TestContext.Current.CancellationToken;
        var prefix = UniqueNames.Table("db").ToLowerInvariant();
        var app = await StartAppAsync(connectionString, prefix, [], ct);
        try
        {
            var baseUrl = app.Urls.First();
            var now = TimeProvider.System.GetUtcNow();
            var migrationId = "mig-dash-" + Guid.NewGuid().ToString("N")[..8];
            await SeedAsync(app, baseUrl, now, migrationId, ct);
            await AssertServerApiAsync(baseUrl, migrationId, ct);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await LaunchAsync(playwright, chromium);
            await BrowseAsync(browser, baseUrl, migrationId);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    /// <summary>The real app on a loopback port with its own tables on the test storage.</summary>
    private static async Task<WebApplication> StartAppAsync(string connectionString, string prefix, string[] extra, CancellationToken ct)
    {
        var app = FunctionsApp.Build(
        [
            .. AppArgs.Isolated(connectionString, prefix),
            "--ApiKey", ApiKey,
            .. extra,
        ], builder => builder.Services.AddSingleton(new TableServiceClient(connectionString)));
        await app.StartAsync(ct);
        return app;
    }

    private static async Task<IBrowser> LaunchAsync(IPlaywright playwright, string chromium) => await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = chromium,
        Headless = true,
        Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
    });

    private static async Task BrowseAsync(IBrowser browser, string baseUrl, string migrationId)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        await page.GotoAsync(baseUrl + "/api/dashboard/?key=" + ApiKey);

        // Fleet: the table in risk order (unassessed last), one bar per assessed server.
        var rows = page.Locator("#servers tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        var order = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.server)");
        Assert.Equal(["web-01", "db-01", "cache-01", "app-01"], order);
        await Assertions.Expect(page.Locator("tr[data-server='web-01'] td").Nth(2)).ToHaveTextAsync("CPU forecast reaches 96 % in 40 min");
        var bars = page.Locator("svg[data-chart='fleet-risk'] rect[data-value]");
        await Assertions.Expect(bars).ToHaveCountAsync(3);
        Assert.Equal(["88", "55", "12"], await bars.EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.value)"));
        Assert.Equal(["web-01", "db-01", "cache-01"], await bars.EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.label)"));
        Assert.Equal("1", await page.Locator("[data-card='migrating']").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("fleet"), FullPage = true });

        // Server page: CPU actuals and forecast, the threshold line, the reasons.
        await page.EvaluateAsync("location.hash = '#/servers/web-01'");
        var cpu = page.Locator("svg[data-chart='cpu']");
        await Assertions.Expect(cpu.Locator("path[data-series='actual']")).ToHaveCountAsync(1);
        await Assertions.Expect(cpu.Locator("path[data-series='forecast']")).ToHaveCountAsync(1);
        await Assertions.Expect(cpu.Locator("line[data-threshold='cpu']")).ToHaveAttributeAsync("data-value", "90");
        await Assertions.Expect(cpu.Locator("line[data-marker='now']")).ToHaveCountAsync(1);
        var points = int.Parse(await cpu.Locator("path[data-series='actual']").GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(points >= 5, $"the CPU chart has {points} actual points; 10 five-minute samples were ingested");
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#reasons li").First).ToContainTextAsync("CPU forecast reaches 96 %");
        await Assertions.Expect(page.Locator("svg[data-chart='memory'] line[data-threshold='memory']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("svg[data-chart='diskio'] line[data-threshold]")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("server"), FullPage = true });

        // Migrations: the list, then the migration with its step timeline.
        await page.EvaluateAsync("location.hash = '#/migrations'");
        await Assertions.Expect(page.Locator($"tr[data-migration='{migrationId}']")).ToContainTextAsync("Running");
        await page.EvaluateAsync($"location.hash = '#/migrations/{migrationId}'");
        var timeline = page.Locator("svg[data-chart='migration-timeline']");
        await Assertions.Expect(timeline.Locator("[data-step]")).ToHaveCountAsync(2);
        Assert.Equal(["Reserve", "Provision"], await timeline.Locator("[data-step]").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.step)"));
        Assert.Equal(["Completed", "Started"], await timeline.Locator("[data-step]").EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.status)"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("migration"), FullPage = true });
    }

    private static async Task SeedAsync(WebApplication app, string baseUrl, DateTimeOffset now, string migrationId, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        var events = new List<string>();
        var cpuByServer = new Dictionary<string, double> { ["web-01"] = 85, ["db-01"] = 40, ["cache-01"] = 20, ["app-01"] = 10 };
        foreach (var (server, cpu) in cpuByServer)
        {
            for (var i = 0; i < 10; i++)
            {
                events.Add(SampleEvents.Json(server, i + 1, now.AddMinutes(-50 + (i * 5)), cpu + i));
            }
        }

        using var response = await client.PostAsync("/api/metrics", new StringContent("[" + string.Join(',', events) + "]", Encoding.UTF8, "application/json"), ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));

        var risks = app.Services.GetRequiredService<IRiskStore>();
        await risks.SaveAsync([Forecast("web-01", 88, now, withReasons: true), Forecast("db-01", 55, now), Forecast("cache-01", 12, now)], ct);

        var migrations = app.Services.GetRequiredService<IMigrationStore>();
        Assert.True(await migrations.CreateAsync(Decision(migrationId, "web-01", now.AddMinutes(-12)), MigrationStatus.Scheduled, now.AddMinutes(-12), ct));
        await migrations.RecordAsync(new MigrationProgress(migrationId, new MigrationStepEntry(1, MigrationStep.Reserve, MigrationStepState.Started, now.AddMinutes(-10), "reserving"), MigrationStatus.Running, 5, null), ct);
        await migrations.RecordAsync(new MigrationProgress(migrationId, new MigrationStepEntry(2, MigrationStep.Reserve, MigrationStepState.Completed, now.AddMinutes(-8), "reserved"), MigrationStatus.Running, 10, null), ct);
        await migrations.RecordAsync(new MigrationProgress(migrationId, new MigrationStepEntry(3, MigrationStep.Provision, MigrationStepState.Started, now.AddMinutes(-7), "provisioning"), MigrationStatus.Running, 20, null), ct);
    }

    /// <summary>The JSON and SVG endpoints directly: paging, filter, sort, validation, content types.</summary>
    private static async Task AssertServerApiAsync(string baseUrl, string migrationId, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        using (var page = JsonDocument.Parse(await client.GetStringAsync("/api/servers?sort=id&pageSize=2&page=2", ct)))
        {
            Assert.Equal(4, page.RootElement.GetProperty("total").GetInt32());
            Assert.Equal(["db-01", "web-01"], page.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("serverId").GetString()!));
            var web = page.RootElement.GetProperty("servers")[1];
            Assert.Equal(88, web.GetProperty("risk").GetProperty("score").GetInt32());
            Assert.Equal("cpu", web.GetProperty("risk").GetProperty("topResource").GetString());
            Assert.Equal(migrationId, web.GetProperty("migration").GetProperty("migrationId").GetString());
            Assert.Equal("Running", web.GetProperty("migration").GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, page.RootElement.GetProperty("servers")[0].GetProperty("migration").ValueKind);
        }

        using (var filtered = JsonDocument.Parse(await client.GetStringAsync("/api/servers?q=APP", ct)))
        {
            Assert.Equal(1, filtered.RootElement.GetProperty("total").GetInt32());
            Assert.Equal(JsonValueKind.Null, filtered.RootElement.GetProperty("servers")[0].GetProperty("risk").ValueKind);
        }

        foreach (var (query, field) in new[] { ("pageSize=501", "pageSize"), ("pageSize=0", "pageSize"), ("page=0", "page"), ("sort=name", "sort") })
        {
            using var bad = await client.GetAsync("/api/servers?" + query, ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(ct));
            Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        }

        using (var missing = await client.GetAsync("/api/servers/nope-01", ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var badResource = await client.GetAsync("/api/charts/servers/web-01/gpu.svg", ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badResource.StatusCode);
        }

        using var chart = await client.GetAsync("/api/charts/servers/web-01/network.svg", ct);
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-series=\"actual\"", await chart.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    private static ServerForecast Forecast(string server, int score, DateTimeOffset at, bool withReasons = false)
    {
        var points = Enumerable.Range(1, 12)
            .Select(h => new ForecastPoint(at.AddMinutes(5 * h), 80 + h, 75 + h, 85 + h, 70 + h, 90 + Math.Min(h, 9), 65 + h, 95 + Math.Min(h, 4)))
            .ToList();
        var cpu = new ResourceForecast(ResourceKind.Cpu, "percent", at, TimeSpan.FromMinutes(5), "baseline", points);
        IReadOnlyList<RiskReason> reasons = withReasons
            ?
            [
                new RiskReason(RiskReasonCode.ForecastCrossesThreshold, ResourceKind.Cpu, "CPU forecast reaches 96 % in 40 min"),
                new RiskReason(RiskReasonCode.RisingTrend, ResourceKind.Cpu, "CPU trend +8 %/h"),
            ]
            : [];
        var resources = new[] { new ResourceRisk(ResourceKind.Cpu, 90, score / 100.0, TimeSpan.FromMinutes(40), null, null, 8, score) };
        var assessment = new RiskAssessment(server, at, score, [cpu], resources, HealthSignals.None, reasons, "test-model");
        return new ServerForecast(assessment, null, [], "baseline", 10);
    }

    private static MigrationDecision Decision(string id, string server, DateTimeOffset at) => new(
        id,
        server,
        "dashboard test",
        MigrationStrategy.Migrate,
        new MigrationSource(server, "rg-test", server + "-vm", "westeurope", "Standard_D4s_v5", 4, "disk-0", "web", "http://127.0.0.1:1/"),
        [new MigrationTarget(0, "rg-test", server + "-vm-m1", "westeurope", "disk-1", "http://127.0.0.1:2/", [new SizingPhase(at, "Standard_D8s_v5", 8)])],
        new MigrationSla(),
        ApprovalRequired: false,
        ApprovalTimeout: TimeSpan.FromMinutes(10),
        DryRun: false,
        TrafficSteps: [50, 100],
        BakeTime: TimeSpan.FromMinutes(1),
        Rpo: TimeSpan.FromSeconds(10),
        MaxReplicationCycles: 3,
        ReplicationInterval: TimeSpan.FromSeconds(1),
        RollbackWindow: TimeSpan.Zero,
        NotBefore: null,
        Deadline: null,
        RiskScore: 88,
        CandidateSource: CandidateSource.Forecast,
        DecidedAt: at,
        Explanation: "dashboard test");

    /// <summary>The machine's Chromium (PM_CHROMIUM or /usr/bin/chromium): Playwright never downloads one here.</summary>
    private static string RequireChromium()
    {
        var path = Environment.GetEnvironmentVariable("PM_CHROMIUM");
        if (string.IsNullOrEmpty(path))
        {
            path = "/usr/bin/chromium";
        }

        if (File.Exists(path))
        {
            return path;
        }

        var reason = $"no Chromium at {path}: install it or set PM_CHROMIUM to its executable";
        if (StorageFixture.IsCi)
        {
            Assert.Fail("CI must provide Chromium: " + reason);
        }

        Assert.Skip(reason);
        return path;
    }

    /// <summary><c>artifacts/test-results/dashboard-{name}.png</c> under the repository root.</summary>
    private static string ScreenshotPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PredictiveMigration.sln")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? Directory.GetCurrentDirectory();
        var folder = Path.Combine(root, "artifacts", "test-results");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"dashboard-{name}.png");
    }
}
