using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// Capacities read from the cloud (the sandbox cloud through the product's own <see cref="ICloudCompute"/> adapter),
/// so a resize or a migration the product performs changes the utilisation the simulator produces. A server runs on
/// the VM of its resource group tagged <see cref="ServerTag"/> = server id (a migration target created with the tag
/// takes over from the original), or else on the VM named after it. The VM list is read at most once per
/// <see cref="RefreshInterval"/> of the given clock (pass the wall clock: it bounds calls to the cloud); between
/// refreshes, and when the cloud fails, the last snapshot is used.
/// </summary>
public sealed class CloudCapacitySource : ICapacitySource
{
    /// <summary>The tag naming the server a VM runs.</summary>
    public const string ServerTag = "pm-server";

    private readonly ICloudCompute _compute;
    private readonly string _resourceGroup;
    private readonly IReadOnlyList<SizeInfo> _sizes;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyDictionary<string, ServerCapacity> _snapshot = new Dictionary<string, ServerCapacity>();
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public CloudCapacitySource(ICloudCompute compute, string resourceGroup, IReadOnlyList<SizeInfo> sizes, TimeProvider clock, TimeSpan refreshInterval)
    {
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentException.ThrowIfNullOrEmpty(resourceGroup);
        _compute = compute;
        _resourceGroup = resourceGroup;
        _sizes = sizes;
        _clock = clock;
        RefreshInterval = refreshInterval;
    }

    public TimeSpan RefreshInterval { get; }

    /// <summary>The last cloud failure met while refreshing, or null.</summary>
    public CloudFailure? LastFailure { get; private set; }

    /// <summary>Creates each server's VM (named after the server, tagged with it) unless one already serves it.</summary>
    public async Task<CloudResult<int>> ProvisionAsync(IEnumerable<(string ServerId, string Size)> servers, string region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var existing = await _compute.ListVmsAsync(_resourceGroup, cancellationToken).ConfigureAwait(false);
        if (!existing.IsSuccess)
        {
            return CloudResult<int>.Fail(existing.Failure!);
        }

        var served = Map(existing.Value!);
        var created = 0;
        foreach (var (id, size) in servers)
        {
            if (served.ContainsKey(id))
            {
                continue;
            }

            var result = await _compute.CreateOrUpdateVmAsync(new VmSpec(_resourceGroup, id, region, size, new Dictionary<string, string> { [ServerTag] = id }), cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return CloudResult<int>.Fail(result.Failure!);
            }

            created++;
        }

        _readAt = DateTimeOffset.MinValue;
        return CloudResult<int>.Ok(created);
    }

    public async ValueTask<IReadOnlyDictionary<string, ServerCapacity>> GetCapacitiesAsync(IReadOnlyCollection<string> serverIds, CancellationToken cancellationToken)
    {
        if (_clock.GetUtcNow() - _readAt < RefreshInterval)
        {
            return _snapshot;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_clock.GetUtcNow() - _readAt >= RefreshInterval)
            {
                var vms = await _compute.ListVmsAsync(_resourceGroup, cancellationToken).ConfigureAwait(false);
                if (vms.IsSuccess)
                {
                    _snapshot = Map(vms.Value!);
                    LastFailure = null;
                }
                else
                {
                    LastFailure = vms.Failure;
                }

                _readAt = _clock.GetUtcNow();
            }

            return _snapshot;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private Dictionary<string, ServerCapacity> Map(IReadOnlyList<VmInfo> vms)
    {
        var map = new Dictionary<string, ServerCapacity>(StringComparer.Ordinal);
        var byTag = new HashSet<string>(StringComparer.Ordinal);
        foreach (var vm in vms.Where(v => !string.Equals(v.ProvisioningState, "Failed", StringComparison.OrdinalIgnoreCase) && !string.Equals(v.ProvisioningState, "Deleting", StringComparison.OrdinalIgnoreCase))
                              .OrderBy(v => v.Id, StringComparer.OrdinalIgnoreCase))
        {
            if (_sizes.FirstOrDefault(s => s.Name.Equals(vm.Size, StringComparison.OrdinalIgnoreCase)) is not { } size)
            {
                continue;
            }

            var capacity = new ServerCapacity(size.Name, size.Cores, size.MemoryGb, vm.Id);
            if (vm.Tags.TryGetValue(ServerTag, out var server))
            {
                // A tagged VM other than the original (a migration target) wins over the original.
                if (!byTag.Contains(server) || !vm.Name.Equals(server, StringComparison.OrdinalIgnoreCase))
                {
                    map[server] = capacity;
                    byTag.Add(server);
                }
            }
            else if (!byTag.Contains(vm.Name))
            {
                map[vm.Name] = capacity;
            }
        }

        return map;
    }
}
