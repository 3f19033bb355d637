using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Forecasting.Service;
using PredictiveMigration.Functions.Alerts;
using static PredictiveMigration.Functions.Tests.Alerts.AlertSamples;

namespace PredictiveMigration.Functions.Tests.Alerts;

/// <summary>The decorators that make forecasting runs and migration status changes publish alerts, over in-memory fakes.</summary>
public class AlertingStoresTests
{
    private static readonly AlertPublishingOptions Options = new() { DashboardUrl = new Uri("https://pm.example/api/dashboard/") };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RiskSave_ServerEntersHighRiskThenStays_PublishesOnceWithItsLink()
    {
        var (store, publisher, _) = RiskStore();

        await store.SaveAsync([Forecast("web-01", T0, (ResourceKind.Memory, 80)), Forecast("db-01", T0, (ResourceKind.Cpu, 40))], Ct);
        await store.SaveAsync([Forecast("web-01", T0.AddMinutes(5), (ResourceKind.Memory, 82)), Forecast("db-01", T0.AddMinutes(5), (ResourceKind.Cpu, 45))], Ct);
        await store.SaveAsync([Forecast("web-01", T0.AddMinutes(10), (ResourceKind.Memory, 81))], Ct);

        var alert = Assert.Single(publisher.Published);
        Assert.Equal("web-01", alert.ServerId);
        Assert.Equal(new Uri("https://pm.example/api/dashboard/#/servers/web-01"), alert.Link);
    }

    [Fact]
    public async Task RiskSave_PublishesBeforeTheForecastsAreStored_SoACrashInBetweenPublishesTheSameAlertAgain()
    {
        var (store, publisher, inner) = RiskStore();
        var storedWhilePublishing = -1;
        publisher.OnPublish = _ => storedWhilePublishing = inner.Saves;
        var forecast = Forecast("web-01", T0, (ResourceKind.Memory, 93));

        await store.SaveAsync([forecast], Ct);
        await store.SaveAsync([forecast], Ct); // the same tick again: already stored, nothing new

        Assert.Equal(0, storedWhilePublishing);
        Assert.Single(publisher.Published);
        Assert.Equal(2, inner.Saves);
    }

    [Fact]
    public async Task RiskSave_PublisherFails_ForecastsAreStillStored()
    {
        var (store, publisher, inner) = RiskStore();
        publisher.Failure = new InvalidOperationException("alert table unavailable");

        await store.SaveAsync([Forecast("web-01", T0, (ResourceKind.Memory, 93))], Ct);

        Assert.Equal(93, (await inner.GetLatestAsync("web-01", Ct))?.Assessment.Score);
    }

    [Fact]
    public async Task RiskSave_HighRiskAlertsSwitchedOff_PublishesNothing()
    {
        var (store, publisher, _) = RiskStore(new AlertPublishingOptions { PublishHighRisk = false });

        await store.SaveAsync([Forecast("web-01", T0, (ResourceKind.Memory, 93))], Ct);

        Assert.Empty(publisher.Published);
    }

    [Fact]
    public async Task MigrationLifecycle_EachAlertingStatusOnce_ReplaysAndOtherStatusesPublishNothing()
    {
        var (store, publisher, _) = MigrationStore();
        const string id = "mig-1";

        Assert.True(await store.CreateAsync(Decision(id), MigrationStatus.Scheduled, T0, Ct));
        await store.RecordAsync(Progress(id, 1, MigrationStatus.Running, MigrationStep.Reserve, MigrationStepState.Started, "reserving"), Ct);
        await store.RecordAsync(Progress(id, 1, MigrationStatus.Running, MigrationStep.Reserve, MigrationStepState.Started, "reserving"), Ct); // replayed activity
        await store.RecordAsync(Progress(id, 2, MigrationStatus.Running, MigrationStep.Provision, MigrationStepState.Started, "provisioning"), Ct);
        await store.RecordAsync(Progress(id, 3, MigrationStatus.RollingBack, MigrationStep.ShiftTraffic, MigrationStepState.Failed, "health check failed", "ShiftTraffic: p95 latency 900 ms > 500 ms"), Ct);
        var rolledBack = Progress(id, 4, MigrationStatus.RolledBack, MigrationStep.Done, MigrationStepState.Compensated, "undone", "ShiftTraffic: p95 latency 900 ms > 500 ms");
        await store.RecordAsync(rolledBack, Ct);
        await store.RecordAsync(rolledBack, Ct); // replayed activity

        Assert.Equal([AlertKind.MigrationStarted, AlertKind.MigrationRolledBack], publisher.Published.Select(a => a.Kind));
        var started = publisher.Published[0];
        Assert.Equal("migration-started:mig-1", started.DedupKey);
        Assert.Equal(T0.AddMinutes(1), started.OccurredAt);
        Assert.Equal(new Uri("https://pm.example/api/dashboard/#/migrations/mig-1"), started.Link);
        Assert.Contains("web-01-vm-m1 (Standard_D8s_v5) in westeurope", started.Text, StringComparison.Ordinal);
        var back = publisher.Published[1];
        Assert.Equal("migration-rolled-back:mig-1", back.DedupKey);
        Assert.Equal("ShiftTraffic: p95 latency 900 ms > 500 ms", back.Facts.Single(f => f.Name == "Rollback reason").Value);
        Assert.Contains("ShiftTraffic: p95 latency 900 ms > 500 ms", back.Text, StringComparison.Ordinal);
        Assert.All(publisher.Published, a => a.Validate());
    }

    [Fact]
    public async Task MigrationCreatedRunning_PublishesStartedOnce_ThenItsFirstRecordDoesNot()
    {
        var (store, publisher, _) = MigrationStore();

        Assert.True(await store.CreateAsync(Decision("mig-2"), MigrationStatus.Running, T0, Ct));
        Assert.False(await store.CreateAsync(Decision("mig-2"), MigrationStatus.Running, T0, Ct));
        await store.RecordAsync(Progress("mig-2", 1, MigrationStatus.Running, MigrationStep.Reserve, MigrationStepState.Started), Ct);
        await store.RecordAsync(Progress("mig-2", 9, MigrationStatus.Completed, MigrationStep.Done, MigrationStepState.Completed, "Migrated web-01."), Ct);

        Assert.Equal([AlertKind.MigrationStarted, AlertKind.MigrationCompleted], publisher.Published.Select(a => a.Kind));
        Assert.Equal("9 min", publisher.Published[1].Facts.Single(f => f.Name == "Took").Value);
    }

    [Fact]
    public async Task MigrationFailed_PublishesCriticalWithTheFailure()
    {
        var (store, publisher, _) = MigrationStore();
        await store.CreateAsync(Decision("mig-3"), MigrationStatus.Scheduled, T0, Ct);

        await store.RecordAsync(Progress("mig-3", 1, MigrationStatus.Running, MigrationStep.Reserve, MigrationStepState.Started), Ct);
        await store.RecordAsync(Progress("mig-3", 2, MigrationStatus.Failed, MigrationStep.Done, MigrationStepState.Failed, "cleanup failed", "Rollback could not delete disk-1"), Ct);

        var failed = publisher.Published.Single(a => a.Kind == AlertKind.MigrationFailed);
        Assert.Equal(AlertSeverity.Critical, failed.Severity);
        Assert.Equal("Rollback could not delete disk-1", failed.Facts.Single(f => f.Name == "Failure").Value);
    }

    [Fact]
    public async Task MigrationRecord_PublishesBeforeTheStatusIsWritten_AndAFailedPublishDoesNotStopTheWrite()
    {
        var (store, publisher, inner) = MigrationStore();
        await store.CreateAsync(Decision("mig-4"), MigrationStatus.Scheduled, T0, Ct);
        MigrationStatus? statusWhilePublishing = null;
        publisher.OnPublish = _ => statusWhilePublishing = inner.Peek("mig-4")?.Status;
        publisher.Failure = new InvalidOperationException("alert table unavailable");

        await store.RecordAsync(Progress("mig-4", 1, MigrationStatus.Running, MigrationStep.Reserve, MigrationStepState.Started), Ct);

        Assert.Equal(MigrationStatus.Scheduled, statusWhilePublishing);
        Assert.Equal(MigrationStatus.Running, (await inner.GetAsync("mig-4", Ct))?.Status);
    }

    [Theory]
    [InlineData(MigrationStatus.Scheduled)]
    [InlineData(MigrationStatus.AwaitingApproval)]
    [InlineData(MigrationStatus.RollingBack)]
    [InlineData(MigrationStatus.Rejected)]
    [InlineData(MigrationStatus.Cancelled)]
    [InlineData(MigrationStatus.DryRun)]
    public void KindOf_StatusesThatDoNotAlert_AreNull(MigrationStatus status)
    {
        Assert.Null(MigrationAlertPolicy.KindOf(status));
    }

    [Fact]
    public void Options_BadSettings_NameTheSetting_AndTheDashboardUrlGetsItsSlash()
    {
        static AlertPublishingOptions Read(string key, string value) => AlertPublishingOptions.FromConfiguration(
            new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build());

        Assert.Contains("Alerts:DashboardUrl", Assert.Throws<InvalidOperationException>(() => Read("Alerts:DashboardUrl", "ftp://x/")).Message, StringComparison.Ordinal);
        Assert.Contains("Alerts:HighRiskRearmAfter", Assert.Throws<InvalidOperationException>(() => Read("Alerts:HighRiskRearmAfter", "soon")).Message, StringComparison.Ordinal);
        Assert.Contains("Alerts:PublishMigrations", Assert.Throws<InvalidOperationException>(() => Read("Alerts:PublishMigrations", "maybe")).Message, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://pm.example/api/dashboard/#/servers/web%2001"), Read("Alerts:DashboardUrl", "https://pm.example/api/dashboard").ServerLink("web 01"));
    }

    private static (HighRiskAlertingRiskStore Store, RecordingAlertPublisher Publisher, InMemoryRiskStore Inner) RiskStore(AlertPublishingOptions? options = null)
    {
        var inner = new InMemoryRiskStore();
        var publisher = new RecordingAlertPublisher();
        var store = new HighRiskAlertingRiskStore(inner, publisher, new ForecastingOptions(), options ?? Options, NullLogger<HighRiskAlertingRiskStore>.Instance);
        return (store, publisher, inner);
    }

    private static (AlertingMigrationStore Store, RecordingAlertPublisher Publisher, InMemoryMigrationStore Inner) MigrationStore()
    {
        var inner = new InMemoryMigrationStore();
        var publisher = new RecordingAlertPublisher();
        return (new AlertingMigrationStore(inner, publisher, Options, NullLogger<AlertingMigrationStore>.Instance), publisher, inner);
    }
}
