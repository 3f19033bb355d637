using PredictiveMigration.Azure.Connectors;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Connectors;

/// <summary>The connector fleet against the sandbox cloud over HTTPS (the real ARM SDK), and a plan run end to end with Azurite.</summary>
public sealed class ConnectorFleetTests(StorageFixture storage) : IAsyncLifetime
{
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private ConnectorSandbox _sandbox = null!;
    private ConnectorFleet _fleet = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sandbox = await ConnectorSandbox.StartAsync(Ct);
        _fleet = new ConnectorFleet(_sandbox.Compute, new ConnectorFleetOptions { ResourceGroup = ConnectorSandbox.Group });
    }

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    private static ConnectorAction Act(ConnectorActionKind kind, string id = "pmconn-westeurope-01") => new(kind, id, "westeurope", "-", "test");

    [Fact(Timeout = 60_000)]
    public async Task Provision_Twice_CreatesOneWarmVmTaggedAsAConnector()
    {
        var first = await _fleet.ApplyAsync(Act(ConnectorActionKind.Provision), Ct);
        var second = await _fleet.ApplyAsync(Act(ConnectorActionKind.Provision), Ct);
        var listed = await _fleet.ListAsync(Ct);

        Assert.True(first.IsSuccess, first.Failure?.ToString());
        Assert.True(second.IsSuccess, second.Failure?.ToString());
        var vm = Assert.Single(listed.Value!);
        Assert.Equal(("pmconn-westeurope-01", "westeurope", "Standard_D2s_v3", "connector"), (vm.Name, vm.Region, vm.Size, vm.Tags[ConnectorFleet.RoleTag]));
    }

    [Fact(Timeout = 60_000)]
    public async Task Lifecycle_ScaleUpDownAndDecommission_ResizeThenDeleteAndEachRepeatIsHarmless()
    {
        await _fleet.ApplyAsync(Act(ConnectorActionKind.Provision), Ct);

        var up = await _fleet.ApplyAsync(Act(ConnectorActionKind.ScaleUp), Ct);
        var upAgain = await _fleet.ApplyAsync(Act(ConnectorActionKind.ScaleUp), Ct);
        var provisionAfterUp = await _fleet.ApplyAsync(Act(ConnectorActionKind.Provision), Ct);
        var drain = await _fleet.ApplyAsync(Act(ConnectorActionKind.Drain), Ct);
        var down = await _fleet.ApplyAsync(Act(ConnectorActionKind.ScaleDown), Ct);
        var gone = await _fleet.ApplyAsync(Act(ConnectorActionKind.Decommission), Ct);
        var goneAgain = await _fleet.ApplyAsync(Act(ConnectorActionKind.Decommission), Ct);

        Assert.Equal(["Standard_D4s_v3", "Standard_D4s_v3", "Standard_D4s_v3", "Standard_D4s_v3", "Standard_D2s_v3"], new[] { up, upAgain, provisionAfterUp, drain, down }.Select(r => r.Value!.Size));
        Assert.True(gone.IsSuccess && gone.Value is null, gone.Failure?.ToString());
        Assert.True(goneAgain.IsSuccess && goneAgain.Value is null, goneAgain.Failure?.ToString());
        Assert.Null((await _sandbox.Compute.GetVmAsync(ConnectorSandbox.Group, "pmconn-westeurope-01", Ct)).Value);
    }

    [Fact(Timeout = 60_000)]
    public async Task ForeignVmWithAConnectorName_IsNeverResizedOrDeleted()
    {
        await _sandbox.Compute.CreateOrUpdateVmAsync(new VmSpec(ConnectorSandbox.Group, "pmconn-westeurope-09", "westeurope", "Standard_E4s_v3"), Ct);

        var down = await _fleet.ApplyAsync(Act(ConnectorActionKind.ScaleDown, "pmconn-westeurope-09"), Ct);
        var delete = await _fleet.ApplyAsync(Act(ConnectorActionKind.Decommission, "pmconn-westeurope-09"), Ct);
        var listed = await _fleet.ListAsync(Ct);

        Assert.Equal(("NotAConnector", "NotAConnector"), (down.Failure!.Code, delete.Failure!.Code));
        Assert.Equal("Standard_E4s_v3", (await _sandbox.Compute.GetVmAsync(ConnectorSandbox.Group, "pmconn-westeurope-09", Ct)).Value!.Size);
        Assert.Empty(listed.Value!);
    }

    [Fact(Timeout = 60_000)]
    public async Task ScaleUp_ConnectorNeverProvisioned_IsANonTransientFailure()
    {
        var result = await _fleet.ApplyAsync(Act(ConnectorActionKind.ScaleUp, "pmconn-westeurope-07"), Ct);

        Assert.Equal(("ConnectorNotFound", false), (result.Failure!.Code, result.Failure.Transient));
    }

    [Fact(Timeout = 120_000)]
    public async Task PlanRunEndToEnd_BurstIsPreProvisionedActivatedScaledDownAndRemoved_CloudAndStoreAgree()
    {
        var store = new TableConnectorStore(new ConnectorTables(storage.CreateTableServiceClient(), new ConnectorStorageOptions { ConnectorTable = UniqueNames.Table("conn"), ObservationTable = UniqueNames.Table("obs") }));
        var rates = TransferRateModel.Learn([], new TransferRateOptions { DefaultRateMBps = 100, DefaultLowFactor = 1, DefaultHighFactor = 1 });
        var forecaster = new MigrationLoadForecaster(rates, ConnectorPlacement.Anywhere((_, _) => double.NaN));
        var planner = new ConnectorCapacityPlanner();
        var burst = Enumerable.Range(1, 8).Select(i => new MigrationLoadItem($"m{i}", "westeurope", 90_000_000_000, Nine.AddHours(1), Nine.AddHours(5))).ToList();
        var stages = new List<(string Kinds, string[] Names, string[] Sizes)>();

        foreach (var (minute, items) in new[] { (40, burst), (55, burst), (75, []), (105, []) })
        {
            var now = Nine.AddMinutes(minute);
            var quota = await _sandbox.Inventory.GetCoreQuotaAsync("westeurope", Ct);
            var state = new ConnectorFleetState(await store.ListConnectorsAsync(Ct), new Dictionary<string, RegionQuota> { ["westeurope"] = quota.Value! });
            var plan = planner.Plan(now, state, forecaster.Forecast(now, items));

            // What the orchestrator's activity does per action: the cloud first, then the record. Run twice, as a replay would.
            for (var replay = 0; replay < 2; replay++)
            {
                foreach (var action in plan.Actions)
                {
                    var applied = await _fleet.ApplyAsync(action, Ct);
                    Assert.True(applied.IsSuccess, applied.Failure?.ToString());
                    var next = ConnectorTransitions.Apply(await store.GetConnectorAsync(action.ConnectorId, Ct), action, now, planner.Options);
                    await (next is null ? store.DeleteConnectorAsync(action.ConnectorId, Ct) : store.UpsertConnectorAsync(next, Ct));
                }
            }

            var vms = (await _fleet.ListAsync(Ct)).Value!;
            var records = await store.ListConnectorsAsync(Ct);
            Assert.Equal(records.Select(r => (r.Id, r.Size)), vms.Select(v => (v.Name, v.Size)));
            stages.Add((string.Join(",", plan.Actions.Select(a => a.Kind).Distinct()), [.. vms.Select(v => v.Name)], [.. vms.Select(v => v.Size).Distinct()]));
        }

        string[] three = ["pmconn-westeurope-01", "pmconn-westeurope-02", "pmconn-westeurope-03"];
        Assert.Equal(["Provision", "ScaleUp", "ScaleDown", "Decommission"], stages.Select(s => s.Kinds));
        Assert.All(stages.Take(3), s => Assert.Equal(three, s.Names));
        Assert.Equal(["Standard_D2s_v3", "Standard_D4s_v3", "Standard_D2s_v3"], stages.Take(3).Select(s => s.Sizes.Single()));
        Assert.Empty(stages[3].Names);
    }
}
