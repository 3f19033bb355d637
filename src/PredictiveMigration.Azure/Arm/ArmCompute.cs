using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Azure.ResourceManager.Resources;
using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Azure.Arm;

/// <summary>
/// <see cref="ICloudCompute"/> over <c>Azure.ResourceManager.Compute</c> 1.2.0. The SDK's retry policy honours
/// Retry-After on 429 and 5xx; what still fails comes back as a <see cref="CloudFailure"/>, never an exception.
/// </summary>
public sealed class ArmCompute(ArmClient arm, string subscriptionId) : ICloudCompute
{
    private ResourceGroupResource Group(string resourceGroup) =>
        arm.GetResourceGroupResource(ResourceGroupResource.CreateResourceIdentifier(subscriptionId, resourceGroup));

    private VirtualMachineResource Vm(string resourceGroup, string name) =>
        arm.GetVirtualMachineResource(VirtualMachineResource.CreateResourceIdentifier(subscriptionId, resourceGroup, name));

    public Task<CloudResult<VmInfo>> CreateOrUpdateVmAsync(VmSpec spec, CancellationToken cancellationToken) => Call(async () =>
    {
        ArgumentNullException.ThrowIfNull(spec);
        var data = new VirtualMachineData(new AzureLocation(spec.Region))
        {
            HardwareProfile = new VirtualMachineHardwareProfile { VmSize = new VirtualMachineSizeType(spec.Size) },
        };
        foreach (var (key, value) in spec.Tags ?? new Dictionary<string, string>())
        {
            data.Tags[key] = value;
        }

        var operation = await Group(spec.ResourceGroup).GetVirtualMachines().CreateOrUpdateAsync(WaitUntil.Completed, spec.Name, data, cancellationToken).ConfigureAwait(false);
        return ToInfo(operation.Value.Data, spec.ResourceGroup, powerState: null);
    });

    public Task<CloudResult<VmInfo?>> GetVmAsync(string resourceGroup, string name, CancellationToken cancellationToken) => Call<VmInfo?>(async () =>
    {
        var found = await FindAsync(resourceGroup, name, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }

        var view = await found.InstanceViewAsync(cancellationToken).ConfigureAwait(false);
        var power = view.Value.Statuses.Select(s => s.Code).FirstOrDefault(c => c.StartsWith("PowerState/", StringComparison.Ordinal))?["PowerState/".Length..];
        return ToInfo(found.Data, resourceGroup, power);
    });

    public Task<CloudResult<IReadOnlyList<VmInfo>>> ListVmsAsync(string resourceGroup, CancellationToken cancellationToken) => Call<IReadOnlyList<VmInfo>>(async () =>
    {
        var list = new List<VmInfo>();
        await foreach (var vm in Group(resourceGroup).GetVirtualMachines().GetAllAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToInfo(vm.Data, resourceGroup, powerState: null));
        }

        return list;
    });

    public Task<CloudResult<VmInfo>> ResizeVmAsync(string resourceGroup, string name, string size, CancellationToken cancellationToken) => Call(async () =>
    {
        var patch = new VirtualMachinePatch { HardwareProfile = new VirtualMachineHardwareProfile { VmSize = new VirtualMachineSizeType(size) } };
        var operation = await Vm(resourceGroup, name).UpdateAsync(WaitUntil.Completed, patch, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToInfo(operation.Value.Data, resourceGroup, powerState: null);
    });

    public Task<CloudResult<bool>> DeallocateVmAsync(string resourceGroup, string name, CancellationToken cancellationToken) => Call(async () =>
    {
        await Vm(resourceGroup, name).DeallocateAsync(WaitUntil.Completed, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    });

    public Task<CloudResult<bool>> StartVmAsync(string resourceGroup, string name, CancellationToken cancellationToken) => Call(async () =>
    {
        await Vm(resourceGroup, name).PowerOnAsync(WaitUntil.Completed, cancellationToken).ConfigureAwait(false);
        return true;
    });

    public Task<CloudResult<bool>> DeleteVmAsync(string resourceGroup, string name, CancellationToken cancellationToken) => Call(async () =>
    {
        var found = await FindAsync(resourceGroup, name, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return false;
        }

        await found.DeleteAsync(WaitUntil.Completed, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    });

    /// <summary>The VM, or null when it does not exist (Compute 1.2.0 has no GetIfExists).</summary>
    private async Task<VirtualMachineResource?> FindAsync(string resourceGroup, string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await Group(resourceGroup).GetVirtualMachines().GetAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode is "ResourceNotFound" or "NotFound")
        {
            return null;
        }
    }

    private static async Task<CloudResult<T>> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return CloudResult<T>.Ok(await call().ConfigureAwait(false));
        }
        catch (RequestFailedException ex)
        {
            return CloudResult<T>.Fail(ArmFailures.From(ex));
        }
    }

    private static VmInfo ToInfo(VirtualMachineData data, string resourceGroup, string? powerState) => new(
        data.Id?.ToString() ?? string.Empty,
        resourceGroup,
        data.Name,
        data.Location.Name,
        data.HardwareProfile?.VmSize?.ToString() ?? string.Empty,
        data.ProvisioningState ?? string.Empty,
        powerState,
        data.Tags.ToDictionary(t => t.Key, t => t.Value));
}
