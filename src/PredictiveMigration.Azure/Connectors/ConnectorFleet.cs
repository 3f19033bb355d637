using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Azure.Connectors;

/// <summary>
/// Connectors as VMs, over <see cref="ICloudCompute"/> (ARM in Azure, the sandbox cloud locally). A connector's VM is
/// named by its id and tagged <c>role=connector</c>; provisioning creates it at the warm size, scaling resizes it,
/// decommissioning deletes it. Every operation is idempotent by name: provisioning an existing connector leaves it as
/// it is (a retry never shrinks an active one), resizing to the size it has makes no call, deleting a missing one
/// succeeds. A VM with a connector's name but without the tag is never touched (a failure value, not an exception).
/// </summary>
public sealed class ConnectorFleet
{
    public const string RoleTag = "role";
    public const string RoleValue = "connector";
    public const string RegionTag = "pm-connector-region";

    private readonly ICloudCompute _compute;
    private readonly ConnectorFleetOptions _options;

    public ConnectorFleet(ICloudCompute compute, ConnectorFleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _compute = compute;
        _options = options;
    }

    public string ResourceGroup => _options.ResourceGroup;

    /// <summary>Carries out one planned action; the VM afterwards (null once decommissioned).</summary>
    public async Task<CloudResult<VmInfo?>> ApplyAsync(ConnectorAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var plan = _options.Plan;
        return action.Kind switch
        {
            ConnectorActionKind.Provision => await ProvisionAsync(action.ConnectorId, action.Region, cancellationToken).ConfigureAwait(false),
            ConnectorActionKind.ScaleUp => await ResizeAsync(action.ConnectorId, plan.ActiveSize.Name, cancellationToken).ConfigureAwait(false),
            ConnectorActionKind.ScaleDown => await ResizeAsync(action.ConnectorId, plan.WarmSize.Name, cancellationToken).ConfigureAwait(false),
            ConnectorActionKind.Drain => await ExistingAsync(action.ConnectorId, cancellationToken).ConfigureAwait(false),
            ConnectorActionKind.Decommission => await DecommissionAsync(action.ConnectorId, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "Unknown connector action."),
        };
    }

    /// <summary>Creates the connector's VM at the warm size, unless it exists.</summary>
    public async Task<CloudResult<VmInfo?>> ProvisionAsync(string connectorId, string region, CancellationToken cancellationToken)
    {
        var found = await _compute.GetVmAsync(ResourceGroup, connectorId, cancellationToken).ConfigureAwait(false);
        if (!found.IsSuccess)
        {
            return CloudResult<VmInfo?>.Fail(found.Failure!);
        }

        if (found.Value is { } existing)
        {
            return IsConnector(existing) ? CloudResult<VmInfo?>.Ok(existing) : NotAConnector(connectorId);
        }

        var tags = new Dictionary<string, string> { [RoleTag] = RoleValue, [RegionTag] = region, ["pm-owned"] = "true" };
        var created = await _compute.CreateOrUpdateVmAsync(new VmSpec(ResourceGroup, connectorId, region, _options.Plan.WarmSize.Name, tags), cancellationToken).ConfigureAwait(false);
        return created.IsSuccess ? CloudResult<VmInfo?>.Ok(created.Value) : CloudResult<VmInfo?>.Fail(created.Failure!);
    }

    /// <summary>Resizes the connector's VM (no call when it already has the size).</summary>
    public async Task<CloudResult<VmInfo?>> ResizeAsync(string connectorId, string size, CancellationToken cancellationToken)
    {
        var existing = await ExistingAsync(connectorId, cancellationToken).ConfigureAwait(false);
        if (!existing.IsSuccess || string.Equals(existing.Value!.Size, size, StringComparison.OrdinalIgnoreCase))
        {
            return existing;
        }

        var resized = await _compute.ResizeVmAsync(ResourceGroup, connectorId, size, cancellationToken).ConfigureAwait(false);
        return resized.IsSuccess ? CloudResult<VmInfo?>.Ok(resized.Value) : CloudResult<VmInfo?>.Fail(resized.Failure!);
    }

    /// <summary>Deletes the connector's VM; a missing one is fine (null).</summary>
    public async Task<CloudResult<VmInfo?>> DecommissionAsync(string connectorId, CancellationToken cancellationToken)
    {
        var found = await _compute.GetVmAsync(ResourceGroup, connectorId, cancellationToken).ConfigureAwait(false);
        if (!found.IsSuccess)
        {
            return CloudResult<VmInfo?>.Fail(found.Failure!);
        }

        if (found.Value is null)
        {
            return CloudResult<VmInfo?>.Ok(null);
        }

        if (!IsConnector(found.Value))
        {
            return NotAConnector(connectorId);
        }

        var deleted = await _compute.DeleteVmAsync(ResourceGroup, connectorId, cancellationToken).ConfigureAwait(false);
        return deleted.IsSuccess ? CloudResult<VmInfo?>.Ok(null) : CloudResult<VmInfo?>.Fail(deleted.Failure!);
    }

    /// <summary>The connector VMs of the resource group (tagged <c>role=connector</c>), by name.</summary>
    public async Task<CloudResult<IReadOnlyList<VmInfo>>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await _compute.ListVmsAsync(ResourceGroup, cancellationToken).ConfigureAwait(false);
        return all.IsSuccess
            ? CloudResult<IReadOnlyList<VmInfo>>.Ok([.. all.Value!.Where(IsConnector).OrderBy(v => v.Name, StringComparer.Ordinal)])
            : all;
    }

    private async Task<CloudResult<VmInfo?>> ExistingAsync(string connectorId, CancellationToken cancellationToken)
    {
        var found = await _compute.GetVmAsync(ResourceGroup, connectorId, cancellationToken).ConfigureAwait(false);
        if (!found.IsSuccess)
        {
            return found;
        }

        if (found.Value is null)
        {
            return CloudResult<VmInfo?>.Fail(new CloudFailure("ConnectorNotFound", $"Connector VM {ResourceGroup}/{connectorId} does not exist: provision it first.", 404, null, Transient: false));
        }

        return IsConnector(found.Value) ? found : NotAConnector(connectorId);
    }

    private static bool IsConnector(VmInfo vm) =>
        vm.Tags.TryGetValue(RoleTag, out var role) && string.Equals(role, RoleValue, StringComparison.Ordinal);

    private CloudResult<VmInfo?> NotAConnector(string name) =>
        CloudResult<VmInfo?>.Fail(new CloudFailure("NotAConnector", $"VM {ResourceGroup}/{name} is not tagged {RoleTag}={RoleValue}: it is left alone.", 409, null, Transient: false));
}
