using Azure;
using Azure.Core;
using Azure.ResourceManager.Resources;
using PredictiveMigration.Azure.Arm;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Sandbox.Cloud;

namespace PredictiveMigration.Sandbox.Tests.Adapters;

/// <summary>Traffic routing, inventory and prices adapters against the sandbox cloud over HTTPS.</summary>
public sealed class CloudAdaptersTests : IAsyncLifetime
{
    private const string Subscription = "00000000-0000-0000-0000-0000000000dd";
    private SandboxCloud _cloud = null!;
    private global::Azure.ResourceManager.ArmClient _arm = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _cloud = await SandboxCloud.StartAsync(new CloudOptions { OperationDuration = TimeSpan.FromMilliseconds(20) }, TimeProvider.System, Ct);
        _arm = ArmClientFactory.ForSandbox(_cloud.Endpoint, _cloud.Thumbprint, Subscription, maxRetries: 1);
        var sub = await _arm.GetDefaultSubscriptionAsync(Ct);
        await sub.GetResourceGroups().CreateOrUpdateAsync(WaitUntil.Completed, "rg", new ResourceGroupData(AzureLocation.WestEurope), Ct);
    }

    public async ValueTask DisposeAsync() => await _cloud.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task TrafficManager_ShiftingWeights_IsReadBackAndIdempotent()
    {
        var router = new ArmTrafficManager(_arm, Subscription);

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
        var result = await new ArmTrafficManager(_arm, Subscription).SetWeightsAsync("rg", "web", [new("x", "x.example.net", 5000)], Ct);

        Assert.Equal("InvalidWeight", result.Failure!.Code);
        Assert.Contains("'x'", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Inventory_RegionsSizesAndQuota_ComeFromTheCloud()
    {
        var inventory = new ArmInventory(_arm, Subscription);
        await new ArmCompute(_arm, Subscription).CreateOrUpdateVmAsync(new VmSpec("rg", "q", "westeurope", "Standard_D8s_v3"), Ct);

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
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => c!.Thumbprint == _cloud.Thumbprint };
        using var http = new HttpClient(handler);
        var catalog = new RetailPriceCatalog(http, new Uri(_cloud.Endpoint, "retail/prices"));

        var prices = await catalog.GetVmPricesAsync("westeurope", Ct);

        var d8 = Assert.Single(prices.Value!, p => p.Size == "Standard_D8s_v3");
        Assert.Equal(0.4224, d8.PricePerHour, 4);
        Assert.Equal(0.4224 * 730, d8.PricePerMonth, 4);
        Assert.All(prices.Value!, p => Assert.Equal("westeurope", p.Region));
    }
}
