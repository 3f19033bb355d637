using PredictiveMigration.Azure.Arm;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Sandbox.Cloud;
using PredictiveMigration.Sandbox.Tests.Support;

namespace PredictiveMigration.Sandbox.Tests.Adapters;

/// <summary>Traffic routing, inventory and prices adapters against the sandbox cloud over HTTPS.</summary>
public sealed class CloudAdaptersTests : IAsyncLifetime
{
    private const string Subscription = "00000000-0000-0000-0000-0000000000dd";
    private SandboxHarness _sandbox = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private global::Azure.ResourceManager.ArmClient Arm => _sandbox.Arm;

    public async ValueTask InitializeAsync() =>
        _sandbox = await SandboxHarness.StartAsync(Subscription, new CloudOptions { OperationDuration = TimeSpan.FromMilliseconds(20) }, Ct);

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task TrafficManager_ShiftingWeights_IsReadBackAndIdempotent()
    {
        var router = new ArmTrafficManager(Arm, Subscription);

        var before = await router.GetWeightsAsync("rg", "web", Ct);
        await router.SetWeightsAsync("rg", "web", [new("source", "src.example.net", 90), new("target", "tgt.example.net", 10)], Ct);
        var half = await router.SetWeightsAsync("rg", "web", [new("source", "src.example.net", 50), new("target", "tgt.example.net", 50)], Ct);
        var cutover = await router.SetWeightsAsync("rg", "web", [new("source", "src.example.net", 0), new("target", "tgt.example.net", 1000)], Ct);
        var again = await router.SetWeightsAsync("rg", "web", [new("source", "src.example.net", 0), new("target", "tgt.example.net", 1000)], Ct);
        var read = await router.GetWeightsAsync("rg", "web", Ct);

        Assert.Empty(before.Value!);
        Assert.Equal([50, 50], half.Value!.Select(e => e.Weight));
        Assert.Equal([0, 1000], cutover.Value!.Select(e => e.Weight));
        Assert.Equal(cutover.Value, again.Value);
        Assert.Equal(cutover.Value, read.Value);
    }

    [Fact(Timeout = 60_000)]
    public async Task TrafficManager_InvalidWeight_IsAFailureValueNamingTheEndpoint()
    {
        var result = await new ArmTrafficManager(Arm, Subscription).SetWeightsAsync("rg", "web", [new("x", "x.example.net", 5000)], Ct);

        Assert.Equal("InvalidWeight", result.Failure!.Code);
        Assert.Contains("'x'", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Inventory_RegionsSizesAndQuota_ComeFromTheCloud()
    {
        var inventory = new ArmInventory(Arm, Subscription);
        await new ArmCompute(Arm, Subscription).CreateOrUpdateVmAsync(new VmSpec("rg", "q", "westeurope", "Standard_D8s_v3"), Ct);

        var regions = await inventory.ListRegionsAsync(Ct);
        var sizes = await inventory.ListSizesAsync("westeurope", Ct);
        var quota = await inventory.GetCoreQuotaAsync("westeurope", Ct);

        Assert.Contains("westeurope", regions.Value!);
        Assert.Contains(new SizeInfo("Standard_D8s_v3", 8, 32), sizes.Value!);
        Assert.Equal(new RegionQuota("westeurope", 8, 200), quota.Value);
        Assert.Equal(192, quota.Value!.CoresFree);
    }

    [Fact(Timeout = 60_000)]
    public async Task Prices_AreReadFromTheRetailPricesShape()
    {
        using var http = _sandbox.CreateHttpClient();
        var catalog = new RetailPriceCatalog(http, new Uri(_sandbox.Cloud.Endpoint, "retail/prices"));

        var prices = await catalog.GetVmPricesAsync("westeurope", Ct);

        var d8 = Assert.Single(prices.Value!, p => p.Size == "Standard_D8s_v3");
        Assert.Equal(0.4224, d8.PricePerHour, 4);
        Assert.Equal(0.4224 * 730, d8.PricePerMonth, 4);
        Assert.All(prices.Value!, p => Assert.Equal("westeurope", p.Region));
    }
}
