using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Azure.ResourceManager.Resources;
using PredictiveMigration.Sandbox.Cloud;
using PredictiveMigration.Sandbox.Tests.Support;

namespace PredictiveMigration.Sandbox.Tests.Cloud;

/// <summary>Quotas, capacity, prices and injected faults, seen through the real Azure SDK.</summary>
public sealed class SandboxCloudFaultTests : IAsyncLifetime
{
    private const string Subscription = "00000000-0000-0000-0000-0000000000bb";
    private SandboxHarness _sandbox = null!;
    private ArmClient _arm = null!;
    private ResourceGroupResource _group = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CloudCatalog SmallCatalog() => new()
    {
        Sizes = [new VmSize("Standard_D2s_v3", 2, 8, 0.1), new VmSize("Standard_D4s_v3", 4, 16, 0.2)],
        Regions =
        [
            new CloudRegion { Name = "westeurope", DisplayName = "West Europe", PriceMultiplier = 1.5, CoreQuota = 8, Capacity = new(StringComparer.OrdinalIgnoreCase) { ["Standard_D2s_v3"] = 2, ["Standard_D4s_v3"] = 5 } },
            new CloudRegion { Name = "eastus", DisplayName = "East US", CoreQuota = 100, Capacity = new(StringComparer.OrdinalIgnoreCase) { ["Standard_D2s_v3"] = 10 } },
        ],
        LatencyMs = new Dictionary<(string, string), double> { [("westeurope", "eastus")] = 80 },
    };

    public async ValueTask InitializeAsync()
    {
        _sandbox = await SandboxHarness.StartAsync(Subscription, new CloudOptions { OperationDuration = TimeSpan.FromMilliseconds(30), Catalog = SmallCatalog() }, Ct);
        _arm = _sandbox.Arm;
        _group = _sandbox.Group;
    }

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    private static VirtualMachineData Vm(string size, string location = "westeurope") => new(new AzureLocation(location))
    {
        HardwareProfile = new VirtualMachineHardwareProfile { VmSize = new VirtualMachineSizeType(size) },
    };

    private Task<ArmOperation<VirtualMachineResource>> CreateAsync(string name, string size, string location = "westeurope") =>
        _group.GetVirtualMachines().CreateOrUpdateAsync(WaitUntil.Completed, name, Vm(size, location), Ct);

    private HttpClient AdminClient() => _sandbox.CreateHttpClient();

    private Task InjectAsync(object fault) => _sandbox.InjectAsync(fault, Ct);

    [Fact(Timeout = 60_000)]
    public async Task CreateVm_BeyondTheRegionalCoreQuota_IsRefusedWithArmsQuotaError()
    {
        await CreateAsync("a", "Standard_D4s_v3");
        await CreateAsync("b", "Standard_D4s_v3");

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => CreateAsync("c", "Standard_D2s_v3"));

        Assert.Equal(409, ex.Status);
        Assert.Equal("OperationNotAllowed", ex.ErrorCode);
        Assert.Contains("Current Limit: 8", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateVm_WhenTheSizeIsOutOfCapacity_FailsTheOperationWithAllocationFailed()
    {
        await CreateAsync("a", "Standard_D2s_v3");
        await CreateAsync("b", "Standard_D2s_v3");

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => CreateAsync("c", "Standard_D2s_v3"));
        var stored = await _group.GetVirtualMachineAsync("c", cancellationToken: Ct);

        Assert.Equal("AllocationFailed", ex.ErrorCode);
        Assert.Equal("Failed", stored.Value.Data.ProvisioningState);
    }

    [Fact(Timeout = 60_000)]
    public async Task Throttling_With429AndRetryAfter_IsRetriedByTheSdkAndSucceeds()
    {
        await InjectAsync(new { kind = "throttle", method = "PUT", pathContains = "virtualMachines", retryAfterSeconds = 1, count = 1 });
        var watch = Stopwatch.StartNew();

        var vm = await CreateAsync("t", "Standard_D2s_v3");

        Assert.Equal("Succeeded", vm.Value.Data.ProvisioningState);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"the SDK should wait Retry-After (took {watch.Elapsed})");
    }

    [Fact(Timeout = 60_000)]
    public async Task PersistentServerErrors_SurfaceAsRequestFailed503()
    {
        await InjectAsync(new { kind = "error", status = 503, pathContains = "virtualMachines/e", count = 0 });

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => _group.GetVirtualMachineAsync("e", cancellationToken: Ct));

        Assert.Equal(503, ex.Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task FailOperationFault_EndsTheLongRunningOperationFailed()
    {
        await InjectAsync(new { kind = "failOperation", method = "PUT", count = 1 });

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => CreateAsync("f", "Standard_D2s_v3"));

        Assert.Equal("InternalOperationError", ex.ErrorCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task RegionDown_RefusesNewVmsThereAndReportsUnknownPower_ButOtherRegionsWork()
    {
        var existing = (await CreateAsync("before", "Standard_D2s_v3")).Value;
        await InjectAsync(new { kind = "regionDown", region = "westeurope" });

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => CreateAsync("during", "Standard_D2s_v3"));
        var view = await existing.InstanceViewAsync(Ct);
        var elsewhere = await CreateAsync("dr", "Standard_D2s_v3", "eastus");

        Assert.Equal(503, refused.Status);
        Assert.Contains(view.Value.Statuses, s => s.Code == "PowerState/unknown");
        Assert.Equal("Succeeded", elsewhere.Value.Data.ProvisioningState);
    }

    [Fact(Timeout = 60_000)]
    public async Task SizesAndUsages_AreServedThroughTheComputeSdk()
    {
        await CreateAsync("u", "Standard_D4s_v3");
        var sub = await _arm.GetDefaultSubscriptionAsync(Ct);

        var sizes = new List<string>();
        await foreach (var size in sub.GetVirtualMachineSizesAsync(AzureLocation.WestEurope, Ct))
        {
            sizes.Add(size.Name);
        }

        var usages = new List<(string Name, int Current, long Limit)>();
        await foreach (var usage in sub.GetUsagesAsync(AzureLocation.WestEurope, Ct))
        {
            usages.Add((usage.Name.Value, usage.CurrentValue, usage.Limit));
        }

        Assert.Equal(["Standard_D2s_v3", "Standard_D4s_v3"], sizes);
        Assert.Equal([("cores", 4, 8L)], usages);
    }

    [Fact(Timeout = 60_000)]
    public async Task RetailPrices_AreServedInTheRetailPricesApiShapeWithRegionalPrices()
    {
        using var client = AdminClient();

        var page = await client.GetFromJsonAsync<JsonElement>("retail/prices?$filter=armRegionName eq 'westeurope' and armSkuName eq 'Standard_D4s_v3'", Ct);

        var item = Assert.Single(page.GetProperty("Items").EnumerateArray());
        Assert.Equal(0.3, item.GetProperty("retailPrice").GetDouble(), 6);
        Assert.Equal("1 Hour", item.GetProperty("unitOfMeasure").GetString());
        Assert.Equal(1, page.GetProperty("Count").GetInt32());
    }
}
