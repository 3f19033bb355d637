using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Dashboard.Tests;

/// <summary>
/// The alerts and connectors pages against the real app: alerts are raised by the product itself (a forecast at high
/// risk, a migration that starts and rolls back, through the app's own stores) and delivered to a real webhook
/// receiver; connectors are recorded in the app's connector store.
/// </summary>
public sealed partial class DashboardBrowserTests
{
    [Fact(Timeout = 120_000)]
    public async Task Dashboard_AlertsRaisedByTheApp_AndConnectors_RenderWithDeliveryAndRefreshStamp()
    {
        var chromium = RequireChromium();
        var connectionString = storage.Require();
        var ct = TestContext.Current.CancellationToken;
        var prefix = UniqueNames.Table("da").ToLowerInvariant();
        await using var receiver = await WebhookReceiver.StartAsync(ct);
        var app = await StartAppAsync(connectionString, prefix,
        [
            $"--Alerts:Subscriptions:ops:Url={receiver.Url}",
            "--Alerts:PollInterval=00:00:00.500",
        ], ct);
        try
        {
            var baseUrl = app.Urls.First();
            var now = TimeProvider.System.GetUtcNow();
            var migrationId = "mig-alerts-" + Guid.NewGuid().ToString("N")[..8];
            await SeedAlertsAndConnectorsAsync(app, now, migrationId, ct);
            await WaitForDeliveriesAsync(app, 3, ct);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await LaunchAsync(playwright, chromium);
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            await page.GotoAsync(baseUrl + "/api/dashboard/?key=" + ApiKey + "&refresh=2#/alerts");

            // Alerts: one row per alert the app raised, newest first, with severity, text, facts and delivery.
            var rows = page.Locator("#alerts tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(3);
            Assert.Equal(
                ["HighRisk", "MigrationRolledBack", "MigrationStarted"],
                (await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.kind)")).Order(StringComparer.Ordinal));
            var risk = page.Locator("tr[data-kind='HighRisk']");
            await Assertions.Expect(risk).ToHaveAttributeAsync("data-severity", "Critical");
            await Assertions.Expect(risk.Locator(".title")).ToHaveTextAsync("web-01 is at high risk (score 93)");
            await Assertions.Expect(risk.Locator(".text")).ToContainTextAsync("CPU forecast reaches 96 % in 40 min");
            await Assertions.Expect(risk.Locator("dl.facts dt", new LocatorLocatorOptions { HasText = "Predicted exhaustion" })).ToHaveCountAsync(1);
            await Assertions.Expect(risk.Locator("a[href='#/servers/web-01']")).ToHaveCountAsync(1);
            var back = page.Locator("tr[data-kind='MigrationRolledBack']");
            await Assertions.Expect(back.Locator(".text")).ToContainTextAsync("ShiftTraffic: 12 % errors at 50 %");
            await Assertions.Expect(back.Locator($"a[href='#/migrations/{migrationId}']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-delivery='ops'][data-state='Delivered']")).ToHaveCountAsync(3);
            Assert.Equal("1", await page.Locator("[data-card='critical']").InnerTextAsync());
            Assert.Equal("1", await page.Locator("[data-card='warning']").InnerTextAsync());
            Assert.Equal("1", await page.Locator("[data-card='info']").InnerTextAsync());
            await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(new Regex(@"^updated \d\d:\d\d:\d\d$"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("alerts"), FullPage = true });

            // Auto-refresh: a server entering high risk now shows up without any navigation, and the stamp moves on.
            var refreshes = int.Parse(await page.Locator("#status").GetAttributeAsync("data-refreshes") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            await app.Services.GetRequiredService<IRiskStore>().SaveAsync([Forecast("db-01", 75, now.AddMinutes(1))], ct);
            await Assertions.Expect(page.Locator("tr[data-kind='HighRisk'] a[href='#/servers/db-01']")).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 15_000 });
            var after = int.Parse(await page.Locator("#status").GetAttributeAsync("data-refreshes") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(after > refreshes, $"the page refreshed {after - refreshes} times after the new alert");

            // Connectors: the cards, the region summary, the rows with their tasks, and the SVG chart per region.
            await page.EvaluateAsync("location.hash = '#/connectors'");
            await Assertions.Expect(page.Locator("#connectors tbody tr")).ToHaveCountAsync(3);
            Assert.Equal("1", await page.Locator("[data-card='active']").InnerTextAsync());
            Assert.Equal("1", await page.Locator("[data-card='warm']").InnerTextAsync());
            Assert.Equal("1", await page.Locator("[data-card='draining']").InnerTextAsync());
            await Assertions.Expect(page.Locator($"tr[data-connector='{Active}'] [data-tasks]")).ToHaveTextAsync("2 / 4");
            await Assertions.Expect(page.Locator($"tr[data-connector='{Active}'] a[href='#/migrations/{migrationId}']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#regions tbody tr")).ToHaveCountAsync(2);
            var bars = page.Locator("svg[data-chart='connectors'] rect[data-value]");
            await Assertions.Expect(bars).ToHaveCountAsync(2);
            Assert.Equal(["eastus", "westeurope"], await bars.EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.label)"));
            Assert.Equal(["1", "2"], await bars.EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.value)"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("connectors"), FullPage = true });
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    private const string Active = "pmc-weu-1";

    private static async Task SeedAlertsAndConnectorsAsync(WebApplication app, DateTimeOffset now, string migrationId, CancellationToken ct)
    {
        // A forecasting run's result at high risk: the app raises the HighRisk alert.
        await app.Services.GetRequiredService<IRiskStore>().SaveAsync([Forecast("web-01", 93, now, withReasons: true)], ct);

        // A migration that starts and rolls back: the app raises the started and rolled-back alerts.
        var migrations = app.Services.GetRequiredService<IMigrationStore>();
        Assert.True(await migrations.CreateAsync(Decision(migrationId, "web-01", now.AddMinutes(-12)), MigrationStatus.Scheduled, now.AddMinutes(-12), ct));
        await migrations.RecordAsync(new MigrationProgress(migrationId, new MigrationStepEntry(1, MigrationStep.Reserve, MigrationStepState.Started, now.AddMinutes(-10), "reserving"), MigrationStatus.Running, 5, null), ct);
        await migrations.RecordAsync(new MigrationProgress(migrationId, new MigrationStepEntry(2, MigrationStep.ShiftTraffic, MigrationStepState.Failed, now.AddMinutes(-5), "unhealthy"), MigrationStatus.RollingBack, 60, "ShiftTraffic: 12 % errors at 50 %"), ct);
        await migrations.RecordAsync(new MigrationProgress(migrationId, new MigrationStepEntry(3, MigrationStep.Done, MigrationStepState.Compensated, now.AddMinutes(-2), "undone"), MigrationStatus.RolledBack, 100, "ShiftTraffic: 12 % errors at 50 %"), ct);

        var connectors = app.Services.GetRequiredService<IConnectorStore>();
        await connectors.UpsertConnectorAsync(new Connector(Active, "westeurope", "Standard_D8s_v5", ConnectorState.Active, 400, 4, [migrationId, "mig-other"], now.AddHours(-1)), ct);
        await connectors.UpsertConnectorAsync(new Connector("pmc-weu-2", "westeurope", "Standard_B2s", ConnectorState.Warm, 0, 0, [], now.AddHours(-2)), ct);
        await connectors.UpsertConnectorAsync(new Connector("pmc-eus-1", "eastus", "Standard_D8s_v5", ConnectorState.Draining, 400, 4, [], now.AddMinutes(-30)), ct);
    }

    /// <summary>Waits until the alert log shows <paramref name="count"/> alerts delivered to the receiver (the worker runs in the background).</summary>
    private static async Task WaitForDeliveriesAsync(WebApplication app, int count, CancellationToken ct)
    {
        var log = app.Services.GetRequiredService<IAlertLog>();
        IReadOnlyList<AlertLogEntry> entries = [];
        for (var i = 0; i < 300; i++)
        {
            entries = await log.ListRecentAsync(100, ct);
            if (entries.Count(e => e.Deliveries.Any(d => d.State == AlertDeliveryState.Delivered)) >= count)
            {
                return;
            }

            await Task.Delay(100, ct);
        }

        Assert.Fail($"{count} alerts were not delivered within 30 s: {string.Join("; ", entries.Select(e => $"{e.Alert.Kind} {string.Join(",", e.Deliveries.Select(d => d.State))}"))}");
    }
}
