using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Azure.ResourceManager.Resources;
using PredictiveMigration.Azure.Arm;
using PredictiveMigration.Sandbox.Cloud;

namespace PredictiveMigration.Sandbox.Tests.Cloud;

/// <summary>The real Azure SDK (Azure.ResourceManager + Compute 1.2.0) against the sandbox cloud over HTTPS.</summary>
public sealed class SandboxCloudTests : IAsyncLifetime
{
    private const string Subscription = "00000000-0000-0000-0000-0000000000aa";
    private readonly string _statePath = Path.Combine(Path.GetTempPath(), $"pm-cloud-{Guid.NewGuid():N}.json");
    private SandboxCloud _cloud = null!;
    private ArmClient _arm = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _cloud = await SandboxCloud.StartAsync(new CloudOptions { StatePath = _statePath, OperationDuration = TimeSpan.FromMilliseconds(50) }, TimeProvider.System, Ct);
        _arm = ArmClientFactory.ForSandbox(_cloud.Endpoint, _cloud.Thumbprint, Subscription);
    }

    public async ValueTask DisposeAsync()
    {
        await _cloud.DisposeAsync();
        File.Delete(_statePath);
    }

    private async Task<ResourceGroupResource> GroupAsync(string name = "rg-sbx")
    {
        var sub = await _arm.GetDefaultSubscriptionAsync(Ct);
        return (await sub.GetResourceGroups().CreateOrUpdateAsync(WaitUntil.Completed, name, new ResourceGroupData(AzureLocation.WestEurope), Ct)).Value;
    }

    private static VirtualMachineData Vm(string size = "Standard_D2s_v3") => new(AzureLocation.WestEurope)
    {
        HardwareProfile = new VirtualMachineHardwareProfile { VmSize = new VirtualMachineSizeType(size) },
    };

    [Fact(Timeout = 60_000)]
    public async Task CreateVm_WithTheComputeSdk_CompletesTheLongRunningOperationAndReadsBack()
    {
        var group = await GroupAsync();

        var created = await group.GetVirtualMachines().CreateOrUpdateAsync(WaitUntil.Completed, "vm-1", Vm(), Ct);
        var read = await group.GetVirtualMachineAsync("vm-1", cancellationToken: Ct);

        Assert.Equal("Succeeded", created.Value.Data.ProvisioningState);
        Assert.Equal("Standard_D2s_v3", read.Value.Data.HardwareProfile.VmSize!.Value.ToString());
        Assert.Equal($"/subscriptions/{Subscription}/resourceGroups/rg-sbx/providers/Microsoft.Compute/virtualMachines/vm-1", read.Value.Id.ToString());
        Assert.NotNull(read.Value.Data.VmId);
    }

    [Fact(Timeout = 60_000)]
    public async Task Resize_Deallocate_Delete_FollowArmSemantics()
    {
        var group = await GroupAsync();
        var vm = (await group.GetVirtualMachines().CreateOrUpdateAsync(WaitUntil.Completed, "vm-2", Vm(), Ct)).Value;

        var resized = await vm.UpdateAsync(WaitUntil.Completed, new VirtualMachinePatch { HardwareProfile = new VirtualMachineHardwareProfile { VmSize = new VirtualMachineSizeType("Standard_D8s_v3") } }, cancellationToken: Ct);
        await vm.DeallocateAsync(WaitUntil.Completed, cancellationToken: Ct);
        var view = await vm.InstanceViewAsync(Ct);
        await vm.DeleteAsync(WaitUntil.Completed, cancellationToken: Ct);

        Assert.Equal("Standard_D8s_v3", resized.Value.Data.HardwareProfile.VmSize!.Value.ToString());
        Assert.Contains(view.Value.Statuses, s => s.Code == "PowerState/deallocated");
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => group.GetVirtualMachineAsync("vm-2", cancellationToken: Ct));
        Assert.Equal(404, missing.Status);
        Assert.Equal("ResourceNotFound", missing.ErrorCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task ListVms_ReturnsEveryVmOfTheGroup()
    {
        var group = await GroupAsync("rg-list");
        foreach (var name in new[] { "a", "b", "c" })
        {
            await group.GetVirtualMachines().CreateOrUpdateAsync(WaitUntil.Completed, name, Vm(), Ct);
        }

        var names = new List<string>();
        await foreach (var vm in group.GetVirtualMachines().GetAllAsync(cancellationToken: Ct))
        {
            names.Add(vm.Data.Name);
        }

        Assert.Equal(["a", "b", "c"], names);
    }

    [Fact(Timeout = 60_000)]
    public async Task GenericNetworkResource_CreateAndGet_ThroughProviderMetadata()
    {
        var group = await GroupAsync();
        var id = new ResourceIdentifier($"{group.Id}/providers/Microsoft.Network/trafficManagerProfiles/tm-1");
        var data = new GenericResourceData(AzureLocation.WestEurope) { Properties = BinaryData.FromObjectAsJson(new { trafficRoutingMethod = "Weighted" }) };

        await _arm.GetGenericResources().CreateOrUpdateAsync(WaitUntil.Completed, id, data, Ct);
        var read = await _arm.GetGenericResource(id).GetAsync(Ct);

        Assert.Contains("Weighted", read.Value.Data.Properties.ToString(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Restart_KeepsResources()
    {
        var group = await GroupAsync();
        await group.GetVirtualMachines().CreateOrUpdateAsync(WaitUntil.Completed, "kept", Vm(), Ct);

        await _cloud.DisposeAsync();
        _cloud = await SandboxCloud.StartAsync(new CloudOptions { StatePath = _statePath }, TimeProvider.System, Ct);
        var arm = ArmClientFactory.ForSandbox(_cloud.Endpoint, _cloud.Thumbprint, Subscription);
        var rg = await (await arm.GetDefaultSubscriptionAsync(Ct)).GetResourceGroupAsync("rg-sbx", Ct);

        Assert.True((await rg.Value.GetVirtualMachines().ExistsAsync("kept", cancellationToken: Ct)).Value);
    }

    [Fact(Timeout = 60_000)]
    public async Task Client_TrustsOnlyTheSandboxCertificate()
    {
        var stranger = ArmClientFactory.ForSandbox(_cloud.Endpoint, "00112233445566778899AABBCCDDEEFF00112233", Subscription, maxRetries: 0);

        await Assert.ThrowsAnyAsync<Exception>(() => stranger.GetDefaultSubscriptionAsync(Ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task CreateVm_InAMissingGroup_IsAnArmError()
    {
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => _arm.GetResourceGroupResource(ResourceGroupResource.CreateResourceIdentifier(Subscription, "nope")).GetVirtualMachines().CreateOrUpdateAsync(WaitUntil.Completed, "x", Vm(), Ct));

        Assert.Equal(404, ex.Status);
        Assert.Equal("ResourceGroupNotFound", ex.ErrorCode);
    }
}
