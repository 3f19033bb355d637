using PredictiveMigration.Azure.Arm;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Sandbox.Cloud;
using PredictiveMigration.Sandbox.Fleet;
using PredictiveMigration.Sandbox.Tests.Support;

namespace PredictiveMigration.Sandbox.Tests.Fleet;

/// <summary>The capacity source over the real ARM adapter and the sandbox cloud: what the product changes, the simulator sees.</summary>
public sealed class CloudCapacitySourceTests : IAsyncLifetime
{
    private const string Subscription = "00000000-0000-0000-0000-0000000000f1";
    private SandboxHarness _sandbox = null!;
    private ArmCompute _compute = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sandbox = await SandboxHarness.StartAsync(Subscription, new CloudOptions { OperationDuration = TimeSpan.FromMilliseconds(20) }, Ct);
        _compute = new ArmCompute(_sandbox.Arm, Subscription);
    }

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    private static FleetOptions Options() => new() { ServerCount = 3, ResourceGroup = "rg", InitialSizes = ["Standard_D2s_v3"], SamplingInterval = TimeSpan.FromMinutes(5), SendInterval = TimeSpan.FromMinutes(5) };

    [Fact(Timeout = 60_000)]
    public async Task ResizeThroughTheCloud_LowersTheUtilisationTheSimulatorProduces()
    {
        var fleet = FleetSimulator.Synthetic(Options());
        var source = new CloudCapacitySource(_compute, "rg", fleet.Options.Sizes, TimeProvider.System, TimeSpan.Zero);
        var provisioned = await source.ProvisionAsync(fleet.Servers.Select(s => (s.ServerId, s.InitialSize)), "westeurope", Ct);
        var again = await source.ProvisionAsync(fleet.Servers.Select(s => (s.ServerId, s.InitialSize)), "westeurope", Ct);
        var copy = FleetSimulator.Synthetic(Options());
        var fixedCapacities = FixedCapacitySource.For(copy);

        var before = await fleet.StepAsync(source, Ct);
        await copy.StepAsync(fixedCapacities, Ct);
        var resize = await _compute.ResizeVmAsync("rg", "srv-001", "Standard_D8s_v3", Ct);
        var after = await fleet.StepAsync(source, Ct);
        var unchanged = await copy.StepAsync(fixedCapacities, Ct);

        Assert.Equal(3, provisioned.Value);
        Assert.Equal(0, again.Value);
        Assert.True(resize.IsSuccess, resize.Failure?.ToString());
        Assert.Equal(2, before.Single(e => e.ServerId == "srv-001").CpuCores);
        var resized = after.Single(e => e.ServerId == "srv-001");
        var baseline = unchanged.Single(e => e.ServerId == "srv-001");
        Assert.Equal(8, resized.CpuCores);
        Assert.Equal(32d * 1024 * 1024 * 1024, resized.MemoryTotalBytes);
        Assert.InRange(resized.CpuPercent, (baseline.CpuPercent / 4) - 0.02, (baseline.CpuPercent / 4) + 0.02);
        Assert.Equal(unchanged.Single(e => e.ServerId == "srv-002").CpuPercent, after.Single(e => e.ServerId == "srv-002").CpuPercent);
    }

    [Fact(Timeout = 60_000)]
    public async Task MigrationTargetTaggedWithTheServer_TakesOverFromTheOriginalVm()
    {
        var fleet = FleetSimulator.Synthetic(Options());
        var source = new CloudCapacitySource(_compute, "rg", fleet.Options.Sizes, TimeProvider.System, TimeSpan.Zero);
        await source.ProvisionAsync(fleet.Servers.Select(s => (s.ServerId, s.InitialSize)), "westeurope", Ct);
        var original = (await source.GetCapacitiesAsync(fleet.ServerIds, Ct))["srv-002"];

        var target = await _compute.CreateOrUpdateVmAsync(new VmSpec("rg", "srv-002-target", "northeurope", "Standard_E8s_v3", new Dictionary<string, string> { [CloudCapacitySource.ServerTag] = "srv-002" }), Ct);
        var moved = (await source.GetCapacitiesAsync(fleet.ServerIds, Ct))["srv-002"];

        Assert.True(target.IsSuccess, target.Failure?.ToString());
        Assert.Equal("Standard_D2s_v3", original.Size);
        Assert.Equal("Standard_E8s_v3", moved.Size);
        Assert.NotEqual(original.VmId, moved.VmId);
        Assert.EndsWith("srv-002-target", moved.VmId, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 60_000)]
    public async Task RefreshInterval_BetweenRefreshes_TheSnapshotIsReused()
    {
        var fleet = FleetSimulator.Synthetic(Options());
        var source = new CloudCapacitySource(_compute, "rg", fleet.Options.Sizes, TimeProvider.System, TimeSpan.FromHours(1));
        await source.ProvisionAsync(fleet.Servers.Select(s => (s.ServerId, s.InitialSize)), "westeurope", Ct);
        var first = await source.GetCapacitiesAsync(fleet.ServerIds, Ct);

        await _compute.ResizeVmAsync("rg", "srv-001", "Standard_D8s_v3", Ct);
        var second = await source.GetCapacitiesAsync(fleet.ServerIds, Ct);

        Assert.Equal("Standard_D2s_v3", second["srv-001"].Size);
        Assert.Same(first, second);
    }
}
