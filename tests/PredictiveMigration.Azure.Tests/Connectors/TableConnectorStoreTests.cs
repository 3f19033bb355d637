using PredictiveMigration.Azure.Connectors;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Connectors;

public class TableConnectorStoreTests(StorageFixture storage)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TableConnectorStore NewStore() =>
        new(new ConnectorTables(storage.CreateTableServiceClient(), new ConnectorStorageOptions { ConnectorTable = UniqueNames.Table("conn"), ObservationTable = UniqueNames.Table("obs") }));

    [Fact(Timeout = 60_000)]
    public async Task Connector_UpsertGetListDelete_RoundTripsEveryField()
    {
        var store = NewStore();
        var active = new Connector("pmconn-westeurope-01", "westeurope", "Standard_D4s_v3", ConnectorState.Active, 400, 4, ["m1", "m2"], T0);
        var warm = new Connector("pmconn-eastus-01", "eastus", "Standard_D2s_v3", ConnectorState.Warm, 0, 0, [], T0.AddMinutes(5));

        await store.UpsertConnectorAsync(active, Ct);
        await store.UpsertConnectorAsync(warm, Ct);
        var read = await store.GetConnectorAsync(active.Id, Ct);
        var listed = await store.ListConnectorsAsync(Ct);
        await store.DeleteConnectorAsync(warm.Id, Ct);
        await store.DeleteConnectorAsync(warm.Id, Ct);

        Assert.Equal((active.Id, active.Region, active.Size, active.State, active.CapacityMBps, active.MaxTasks, active.StateSince), (read!.Id, read.Region, read.Size, read.State, read.CapacityMBps, read.MaxTasks, read.StateSince));
        Assert.Equal(["m1", "m2"], read.AssignedTasks);
        Assert.Equal(["pmconn-eastus-01", "pmconn-westeurope-01"], listed.Select(c => c.Id));
        Assert.Equal(["pmconn-westeurope-01"], (await store.ListConnectorsAsync(Ct)).Select(c => c.Id));
        Assert.Null(await store.GetConnectorAsync(warm.Id, Ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task Connector_UpsertedTwice_KeepsOneRowWithTheLastState()
    {
        var store = NewStore();
        var c = new Connector("pmconn-westeurope-01", "westeurope", "Standard_D2s_v3", ConnectorState.Warm, 0, 0, [], T0);

        await store.UpsertConnectorAsync(c, Ct);
        await store.UpsertConnectorAsync(c with { State = ConnectorState.Draining, AssignedTasks = ["m9"] }, Ct);

        var only = Assert.Single(await store.ListConnectorsAsync(Ct));
        Assert.Equal((ConnectorState.Draining, "m9"), (only.State, only.AssignedTasks.Single()));
    }

    [Fact(Timeout = 60_000)]
    public async Task Observations_RecordedTwiceAndListedSince_AreOnePerMigrationOldestFirst()
    {
        var store = NewStore();
        var old = new MigrationObservation("m-old", "westeurope", T0.AddDays(-40), 10_000_000_000, TimeSpan.FromMinutes(10), true);
        var a = new MigrationObservation("m-a", "westeurope", T0.AddHours(-1), 50_000_000_000, TimeSpan.FromMinutes(9), true);
        var b = new MigrationObservation("m-b", "eastus", T0.AddHours(-3), 5_000_000_000, TimeSpan.FromSeconds(75), false);

        foreach (var o in new[] { old, a, b, a with { Duration = TimeSpan.FromMinutes(8) } })
        {
            await store.RecordObservationAsync(o, Ct);
        }

        var recent = await store.ListObservationsAsync(T0.AddDays(-1), Ct);

        Assert.Equal([b, a with { Duration = TimeSpan.FromMinutes(8) }], recent);
        Assert.Equal(3, (await store.ListObservationsAsync(DateTimeOffset.MinValue.AddYears(1700), Ct)).Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task Observation_IdThatCannotBeATableKey_IsRefusedNamingIt()
    {
        var store = NewStore();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.RecordObservationAsync(new MigrationObservation("a/b", "westeurope", T0, 1, TimeSpan.FromSeconds(1), true), Ct));

        Assert.Contains("'a/b'", ex.Message, StringComparison.Ordinal);
    }
}
