using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using PredictiveMigration.Domain.Common;
using PredictiveMigration.Functions;
using PredictiveMigration.Sandbox.Azurite;
using PredictiveMigration.Sandbox.Fleet;
using PredictiveMigration.Sandbox.TriggerHost;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Sandbox.Tests.TriggerHost;

/// <summary>
/// The real Functions app on a real port (in-process) and the local trigger host, which asks the app's binary for
/// its function.json files: a simulated fleet sends through the emulated event hub, the app ingests into Azurite on
/// the shared accelerated clock, and <c>/api/servers</c> lists the fleet.
/// </summary>
public class SandboxEndToEndTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 120_000)]
    public async Task FleetMetrics_ThroughTheEmulatedEventHub_AreIngestedAndTheServersListed()
    {
        var ct = TestContext.Current.CancellationToken;
        var connection = storage.Require();
        var clock = AcceleratedTimeProvider.StartNow(Start, 600); // a simulated minute every 100 ms
        var prefix = UniqueNames.Table("e");
        await using var app = FunctionsApp.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--AzureWebJobsStorage", connection,
            $"--Metrics:RollupTable={prefix}r",
            $"--Metrics:DeadLetterTable={prefix}d",
            $"--Metrics:ServerTable={prefix}s",
            "--Logging:LogLevel:Default=Warning",
            "--" + AcceleratedTimeProvider.SettingName, clock.ToSpec(),
        ]);
        await app.StartAsync(ct);
        var appUrl = new Uri(app.Urls.First());
        var functionsDir = Path.Combine(Path.GetTempPath(), "pm-e2e-functions-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new TriggerHostOptions
            {
                AppBaseUrl = appUrl,
                AppPath = Path.Combine(AppContext.BaseDirectory, "PredictiveMigration.Functions.dll"),
                FunctionsDirectory = functionsDir,
                HostJsonPath = RepositoryRoot.Find() is { } root ? Path.Combine(root, "host.json") : null,
                // Timers on a yearly schedule: this test is about ingestion. The app's Durable functions get the backend.
                Settings = new()
                {
                    ["MetricsEventHubName"] = "metrics", ["MetricsConsumerGroup"] = "$Default",
                    ["ForecastSchedule"] = "0 0 0 1 1 *", ["RetrainSchedule"] = "0 0 0 1 1 *", ["ControllerSchedule"] = "0 0 0 1 1 *",
                },
                DurableConnectionString = connection,
                DurableTaskHub = "PmE2e" + Guid.NewGuid().ToString("N")[..10],
            };
            await using var host = await LocalTriggerHost.StartAsync(options, clock, null, ct);
            var fleet = FleetSimulator.Synthetic(new FleetOptions { ServerCount = 6, Start = Start, SendInterval = TimeSpan.FromMinutes(2) });
            using var http = new HttpClient();
            var resource = $"https://{host.EventHub.Options.FullyQualifiedNamespace}/metrics";
            var sender = new EventHubsRestSender(http, host.EventHub.MessagesUri("metrics"), () => EventHubsRestSender.SasToken(resource, "send", "sandbox", clock.GetUtcNow().AddHours(1)));
            var agents = new FleetAgents(fleet, FixedCapacitySource.For(fleet), sender, clock);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var run = agents.RunAsync(stop.Token);

            await RecordingApp.WaitUntilAsync(() => agents.EventsSent >= 6 * 10, "60 events sent by the agents", seconds: 60);
            await stop.CancelAsync();
            await run;
            await RecordingApp.WaitUntilAsync(
                () => host.EventHub.GetPartitions("metrics").All(p => host.Checkpoint("IngestMetrics", p.Id) == p.LastSequenceNumber), "every event in the hub delivered", seconds: 60);
            var inHub = host.EventHub.GetPartitions("metrics").SelectMany(p => p.Read(0, 100_000)).ToList();

            Assert.Equal(fleet.ServerIds.Order(), await ListServersAsync(appUrl, ct));
            Assert.Equal("metrics", host.EventHubTriggers["IngestMetrics"]);
            Assert.Equal(DurableBackendHook.IsNeeded(host.Functions), host.DurableBackendRunning);
            Assert.True(inHub.Count >= agents.EventsSent, $"{inHub.Count} events in the hub, {agents.EventsSent} sent");
            Assert.Equal(inHub.Count, host.Counters.EventsDelivered);
            Assert.Equal(0, host.Counters.FailedInvocations);
            Assert.Equal(0, host.Counters.BatchesAbandoned);
            var deadLetters = await new TableServiceClient(connection).GetTableClient(prefix + "d").QueryAsync<TableEntity>(cancellationToken: ct).CountAsync(ct);
            Assert.Equal(0, deadLetters);
            var series = await http.GetFromJsonAsync<JsonElement>(
                new Uri(appUrl, $"api/servers/{fleet.ServerIds[0]}/metrics?metric=cpuPercent&from={Start:yyyy-MM-ddTHH:mm:ssZ}&to={Start.AddMinutes(10):yyyy-MM-ddTHH:mm:ssZ}&resolution=1m"), ct);
            var points = series.GetProperty("series")[0].GetProperty("points").EnumerateArray().Where(p => !p.TryGetProperty("gap", out _)).ToList();
            Assert.NotEmpty(points);
            Assert.All(points, p => Assert.Equal(2026, DateTimeOffset.Parse(p.GetProperty("t").GetString()!, CultureInfo.InvariantCulture).Year));
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            if (Directory.Exists(functionsDir))
            {
                Directory.Delete(functionsDir, recursive: true);
            }
        }
    }

    private static async Task<List<string>> ListServersAsync(Uri appUrl, CancellationToken ct)
    {
        using var http = new HttpClient();
        var body = await http.GetFromJsonAsync<JsonElement>(new Uri(appUrl, "api/servers"), ct);
        return [.. body.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("serverId").GetString()!).Order()];
    }
}
