using PredictiveMigration.Azure.Migrations;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Migrations;

public sealed class TableMigrationStoreTests(StorageFixture storage)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 60_000)]
    public async Task CreateAsync_Twice_KeepsTheFirstAndSaysSo()
    {
        var store = new TableMigrationStore(storage.CreateTableServiceClient(), UniqueNames.Table("mig"));
        var ct = TestContext.Current.CancellationToken;

        var first = await store.CreateAsync(Decision("m1"), MigrationStatus.Scheduled, T0, ct);
        var second = await store.CreateAsync(Decision("m1") with { Reason = "changed" }, MigrationStatus.DryRun, T0.AddMinutes(1), ct);

        Assert.True(first);
        Assert.False(second);
        var record = await store.GetAsync("m1", ct);
        Assert.Equal(MigrationStatus.Scheduled, record!.Status);
        Assert.Equal("cpu", record.Decision.Reason);
        Assert.Equal(Decision("m1").Targets[0].Phases, record.Decision.Targets[0].Phases);
    }

    [Fact(Timeout = 60_000)]
    public async Task RecordAsync_SameEntryTwice_KeepsOneTimelineEntryAndTheStatus()
    {
        var store = new TableMigrationStore(storage.CreateTableServiceClient(), UniqueNames.Table("mig"));
        var ct = TestContext.Current.CancellationToken;
        await store.CreateAsync(Decision("m1"), MigrationStatus.Scheduled, T0, ct);
        var started = new MigrationProgress("m1", new MigrationStepEntry(0, MigrationStep.Reserve, MigrationStepState.Started, T0, "reserving"), MigrationStatus.Running, 5, null);
        var failed = new MigrationProgress("m1", new MigrationStepEntry(1, MigrationStep.Reserve, MigrationStepState.Failed, T0.AddSeconds(5), "quota"), MigrationStatus.RollingBack, 5, "QuotaExceeded");

        await store.RecordAsync(started, ct);
        await store.RecordAsync(failed, ct);
        await store.RecordAsync(started, ct);

        var record = await store.GetAsync("m1", ct);
        Assert.Equal([0, 1], record!.Timeline.Select(t => t.Sequence));
        Assert.Equal(MigrationStatus.RollingBack, record.Status);
        Assert.Equal("QuotaExceeded", record.Outcome);
        Assert.Equal(T0.AddSeconds(5), record.UpdatedAt);
        Assert.Equal(MigrationStepState.Failed, record.Timeline[1].State);
    }

    [Fact(Timeout = 60_000)]
    public async Task RecordAsync_UnknownMigration_ThrowsKeyNotFound()
    {
        var store = new TableMigrationStore(storage.CreateTableServiceClient(), UniqueNames.Table("mig"));
        var progress = new MigrationProgress("nope", new MigrationStepEntry(0, MigrationStep.Reserve, MigrationStepState.Started, T0, "x"), MigrationStatus.Running, 5, null);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.RecordAsync(progress, TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 60_000)]
    public async Task ListAsync_ActiveOnly_LeavesFinalMigrationsOut()
    {
        var store = new TableMigrationStore(storage.CreateTableServiceClient(), UniqueNames.Table("mig"));
        var ct = TestContext.Current.CancellationToken;
        await store.CreateAsync(Decision("a"), MigrationStatus.Scheduled, T0, ct);
        await store.CreateAsync(Decision("b"), MigrationStatus.DryRun, T0.AddMinutes(1), ct);
        await store.CreateAsync(Decision("c"), MigrationStatus.Scheduled, T0.AddMinutes(2), ct);
        await store.RecordAsync(new MigrationProgress("c", new MigrationStepEntry(0, MigrationStep.Done, MigrationStepState.Completed, T0.AddMinutes(3), "done"), MigrationStatus.Completed, 100, null), ct);

        var all = await store.ListAsync(activeOnly: false, ct);
        var active = await store.ListAsync(activeOnly: true, ct);

        Assert.Equal(["c", "b", "a"], all.Select(r => r.MigrationId));
        Assert.Equal(["a"], active.Select(r => r.MigrationId));
        Assert.All(all, r => Assert.Empty(r.Timeline));
    }

    [Fact(Timeout = 60_000)]
    public async Task Reservations_ReserveReleaseAndList_AreIdempotentByKey()
    {
        var reservations = new TableCapacityReservations(storage.CreateTableServiceClient(), UniqueNames.Table("res"));
        var ct = TestContext.Current.CancellationToken;

        await reservations.ReserveAsync(new CapacityReservation("m1:t0", "m1", "westeurope", 8), ct);
        await reservations.ReserveAsync(new CapacityReservation("m1:t0", "m1", "westeurope", 8), ct);
        await reservations.ReserveAsync(new CapacityReservation("m2:t0", "m2", "WestEurope", 4), ct);
        await reservations.ReserveAsync(new CapacityReservation("m3:t0", "m3", "northeurope", 2), ct);
        var before = await reservations.ListAsync("westeurope", ct);
        await reservations.ReleaseAsync("m1:t0", ct);
        await reservations.ReleaseAsync("m1:t0", ct);
        var after = await reservations.ListAsync("westeurope", ct);

        Assert.Equal(12, before.Sum(r => r.Cores));
        Assert.Equal(["m2:t0"], after.Select(r => r.Key));
    }

    private static MigrationDecision Decision(string id) => new(
        id, "web-01", "cpu", MigrationStrategy.Migrate,
        new MigrationSource("web-01", "rg", "web-01-vm", "westeurope", "Standard_D2s_v5", 2, "/disks/web-01.img", "tm-web", "web.example.net"),
        [new MigrationTarget(0, "rg", "web-01-vm-m0", "westeurope", "/disks/web-01-m0.img", "m0.example.net", [new SizingPhase(T0, "Standard_D4s_v5", 4), new SizingPhase(T0.AddHours(3), "Standard_D8s_v5", 8)])],
        new MigrationSla(), false, TimeSpan.FromHours(4), false, [10, 50, 100], TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30), 10,
        TimeSpan.FromMinutes(1), TimeSpan.Zero, null, T0.AddHours(6), 80, CandidateSource.Forecast, T0, "test");
}
