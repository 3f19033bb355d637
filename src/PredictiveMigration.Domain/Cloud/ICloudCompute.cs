namespace PredictiveMigration.Domain.Cloud;

/// <summary>Virtual machines in the cloud (Azure Resource Manager in production, the sandbox cloud locally). Every call is idempotent by name.</summary>
public interface ICloudCompute
{
    /// <summary>Creates or updates the VM and waits for the operation; a failed provisioning is a failure value.</summary>
    Task<CloudResult<VmInfo>> CreateOrUpdateVmAsync(VmSpec spec, CancellationToken cancellationToken);

    /// <summary>The VM with its power state, or a null value when it does not exist.</summary>
    Task<CloudResult<VmInfo?>> GetVmAsync(string resourceGroup, string name, CancellationToken cancellationToken);

    Task<CloudResult<IReadOnlyList<VmInfo>>> ListVmsAsync(string resourceGroup, CancellationToken cancellationToken);

    Task<CloudResult<VmInfo>> ResizeVmAsync(string resourceGroup, string name, string size, CancellationToken cancellationToken);

    Task<CloudResult<bool>> DeallocateVmAsync(string resourceGroup, string name, CancellationToken cancellationToken);

    Task<CloudResult<bool>> StartVmAsync(string resourceGroup, string name, CancellationToken cancellationToken);

    /// <summary>Deletes the VM; deleting one that does not exist succeeds (false).</summary>
    Task<CloudResult<bool>> DeleteVmAsync(string resourceGroup, string name, CancellationToken cancellationToken);
}
