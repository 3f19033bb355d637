using Azure;
using Azure.Core;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Azure.ResourceManager.Resources;
using PredictiveMigration.Sandbox.Cloud;
using PredictiveMigration.Sandbox.Tests.Support;

namespace PredictiveMigration.Sandbox.Tests.Cloud;

/// <summary>Managed disks, incremental snapshots and network interfaces through the real SDK.</summary>
public sealed class SandboxCloudStorageResourceTests : IAsyncLifetime
{
    private SandboxHarness _sandbox = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _sandbox = await SandboxHarness.StartAsync("00000000-0000-0000-0000-0000000000ee", new CloudOptions { OperationDuration = TimeSpan.FromMilliseconds(20) }, Ct);

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task ManagedDiskAndIncrementalSnapshot_AreCreatedReadAndDeleted()
    {
        var group = _sandbox.Group;
        var disk = (await group.GetManagedDisks().CreateOrUpdateAsync(WaitUntil.Completed, "os-disk", new ManagedDiskData(AzureLocation.WestEurope)
        {
            DiskSizeGB = 128,
            CreationData = new DiskCreationData(DiskCreateOption.Empty),
        }, Ct)).Value;

        var snapshot = (await group.GetSnapshots().CreateOrUpdateAsync(WaitUntil.Completed, "os-disk-snap-1", new SnapshotData(AzureLocation.WestEurope)
        {
            Incremental = true,
            CreationData = new DiskCreationData(DiskCreateOption.Copy) { SourceResourceId = disk.Id },
        }, Ct)).Value;
        var read = await group.GetSnapshotAsync("os-disk-snap-1", Ct);
        await snapshot.DeleteAsync(WaitUntil.Completed, Ct);

        Assert.Equal(128, disk.Data.DiskSizeGB);
        Assert.True(read.Value.Data.Incremental);
        Assert.Equal(disk.Id, read.Value.Data.CreationData.SourceResourceId);
        Assert.False((await group.GetSnapshots().ExistsAsync("os-disk-snap-1", Ct)).Value);
    }

    [Fact(Timeout = 60_000)]
    public async Task NetworkInterface_IsServedAsAGenericResource()
    {
        var id = new ResourceIdentifier($"{_sandbox.Group.Id}/providers/Microsoft.Network/networkInterfaces/nic-1");
        var data = new GenericResourceData(AzureLocation.WestEurope)
        {
            Properties = BinaryData.FromObjectAsJson(new { ipConfigurations = new[] { new { name = "ipconfig1", properties = new { privateIPAllocationMethod = "Dynamic" } } } }),
        };

        await _sandbox.Arm.GetGenericResources().CreateOrUpdateAsync(WaitUntil.Completed, id, data, Ct);
        var read = await _sandbox.Arm.GetGenericResource(id).GetAsync(Ct);

        Assert.Contains("ipconfig1", read.Value.Data.Properties.ToString(), StringComparison.Ordinal);
        Assert.Equal("Microsoft.Network/networkInterfaces", read.Value.Data.ResourceType.ToString());
    }
}
