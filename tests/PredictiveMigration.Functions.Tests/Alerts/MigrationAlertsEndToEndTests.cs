using System.Text;
using System.Text.Json;
using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;
using PredictiveMigration.Functions.Tests.Support;
using PredictiveMigration.Testing;
using PredictiveMigration.Workflows.Migrations;
using PredictiveMigration.Workflows.Migrations.Activities;
using static PredictiveMigration.Functions.Tests.Alerts.AlertSamples;

namespace PredictiveMigration.Functions.Tests.Alerts;

/// <summary>
/// Migration status changes through the real app (its <c>RecordMigrationStep</c> activity route, as the Durable
/// host calls it) with Azurite, reaching a real webhook receiver as the generic JSON payload.
/// </summary>
public class MigrationAlertsEndToEndTests(StorageFixture storage)
{
    [Fact(Timeout = 60_000)]
    public async Task RecordStepActivity_MigrationStartsThenRollsBack_ReceiverGetsGenericJsonForEach_ReplayAddsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await WebhookReceiver.StartAsync(ct);
        var prefix = UniqueNames.Table("al");
        await using var app = await FunctionsAppHost.StartAsync(storage.Require(), tablePrefix: prefix, extraArgs:
        [
            $"--Alerts:Table={prefix}alerts",
            $"--Alerts:Subscriptions:ops:Url={receiver.Url}",
            "--Alerts:PollInterval=00:00:00.500",
            "--Alerts:DashboardUrl=https://pm.example/api/dashboard/",
        ]);
        var id = "mig-alert-" + Guid.NewGuid().ToString("N")[..8];

        // The orchestration's first record creates the migration as running: a start.
        await RecordStepAsync(app, new RecordStepInput(Progress(id, 0, MigrationStatus.Running, MigrationStep.Reserve, MigrationStepState.Started, "reserving"), Decision(id)), ct);
        var started = await receiver.WaitForAsync(j => j.GetProperty("kind").GetString() == "migrationStarted" && j.GetProperty("migrationId").GetString() == id, TimeSpan.FromSeconds(30), ct);
        Assert.Equal("predictive-migration.alert", started.GetProperty("schema").GetString());
        Assert.Equal(1, started.GetProperty("version").GetInt32());
        Assert.Equal("info", started.GetProperty("severity").GetString());
        Assert.Equal("web-01", started.GetProperty("serverId").GetString());
        Assert.Equal($"migration-started:{id}", started.GetProperty("dedupKey").GetString());
        Assert.Equal($"https://pm.example/api/dashboard/#/migrations/{id}", started.GetProperty("link").GetString());
        Assert.Contains(started.GetProperty("facts").EnumerateArray(), f => f.GetProperty("name").GetString() == "Strategy" && f.GetProperty("value").GetString() == "Migrate");

        // A replay of the same step, more progress, then the rollback.
        await RecordStepAsync(app, new RecordStepInput(Progress(id, 0, MigrationStatus.Running, MigrationStep.Reserve, MigrationStepState.Started, "reserving"), Decision(id)), ct);
        await RecordStepAsync(app, new RecordStepInput(Progress(id, 1, MigrationStatus.Running, MigrationStep.Provision, MigrationStepState.Started, "provisioning"), null), ct);
        await RecordStepAsync(app, new RecordStepInput(Progress(id, 2, MigrationStatus.RollingBack, MigrationStep.ShiftTraffic, MigrationStepState.Failed, "unhealthy", "ShiftTraffic: 12 % errors at 50 %"), null), ct);
        await RecordStepAsync(app, new RecordStepInput(Progress(id, 3, MigrationStatus.RolledBack, MigrationStep.Done, MigrationStepState.Compensated, "undone", "ShiftTraffic: 12 % errors at 50 %"), null), ct);

        var back = await receiver.WaitForAsync(j => j.GetProperty("kind").GetString() == "migrationRolledBack" && j.GetProperty("migrationId").GetString() == id, TimeSpan.FromSeconds(30), ct);
        Assert.Equal("warning", back.GetProperty("severity").GetString());
        Assert.Contains(back.GetProperty("facts").EnumerateArray(), f => f.GetProperty("name").GetString() == "Rollback reason" && f.GetProperty("value").GetString() == "ShiftTraffic: 12 % errors at 50 %");

        // The alert log holds exactly these two for the migration, each delivered to the subscription.
        var log = await ((IAlertLog)app.Services.GetService(typeof(IAlertLog))!).ListRecentAsync(100, ct);
        var mine = log.Where(e => e.Alert.MigrationId == id).ToList();
        Assert.Equal([AlertKind.MigrationStarted, AlertKind.MigrationRolledBack], mine.Select(e => e.Alert.Kind).Order());
        var deliveries = receiver.Received.Where(r => r.Body.Contains(id, StringComparison.Ordinal)).Select(r => r.Headers["Idempotency-Key"]).Distinct().ToList();
        Assert.Equal(2, deliveries.Count);
    }

    private static async Task RecordStepAsync(FunctionsAppHost app, RecordStepInput input, CancellationToken ct)
    {
        var inputJson = JsonSerializer.Serialize(input, new DurableTaskOptions().SerializerOptions);
        var envelope = JsonSerializer.Serialize(new
        {
            Data = new { input = inputJson },
            Metadata = new { instanceId = input.Progress.MigrationId, sys = new { MethodName = MigrationActivities.RecordStep, UtcNow = "2026-11-23T09:00:00Z", RandGuid = Guid.NewGuid() } },
        });
        using var response = await app.Client.PostAsync("/" + MigrationActivities.RecordStep, new StringContent(envelope, Encoding.UTF8, "application/json"), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, body);
        var result = JsonDocument.Parse(body).RootElement.GetProperty("ReturnValue");
        if (result.ValueKind == JsonValueKind.String)
        {
            result = JsonDocument.Parse(result.GetString()!).RootElement;
        }

        Assert.True(result.GetProperty("ok").GetBoolean(), body);
    }
}
