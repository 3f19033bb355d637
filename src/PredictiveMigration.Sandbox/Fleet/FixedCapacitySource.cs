using System.Collections.Concurrent;
using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// Capacities held in memory: every server on its initial size unless <see cref="Resize"/> or <see cref="Move"/>
/// changed it. The counterfactual run uses it unchanged ("prediction off": nothing is resized or migrated).
/// </summary>
public sealed class FixedCapacitySource : ICapacitySource
{
    private readonly ConcurrentDictionary<string, ServerCapacity> _capacities = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<SizeInfo> _sizes;

    public FixedCapacitySource(IEnumerable<(string ServerId, string Size)> servers, IReadOnlyList<SizeInfo> sizes)
    {
        ArgumentNullException.ThrowIfNull(servers);
        _sizes = sizes;
        foreach (var (id, size) in servers)
        {
            _capacities[id] = Capacity(size, "vm/" + id);
        }
    }

    /// <summary>Every server of a simulator on its initial size.</summary>
    public static FixedCapacitySource For(FleetSimulator fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return new FixedCapacitySource(fleet.Servers.Select(s => (s.ServerId, s.InitialSize)), fleet.Options.Sizes);
    }

    /// <summary>Changes a server's size in place (same VM).</summary>
    public void Resize(string serverId, string size) => _capacities[serverId] = Capacity(size, _capacities[serverId].VmId);

    /// <summary>Moves a server to another VM of a size (a migration).</summary>
    public void Move(string serverId, string size, string vmId) => _capacities[serverId] = Capacity(size, vmId);

    /// <summary>Every server's capacity now.</summary>
    public IReadOnlyDictionary<string, ServerCapacity> Current => new Dictionary<string, ServerCapacity>(_capacities, StringComparer.Ordinal);

    public ValueTask<IReadOnlyDictionary<string, ServerCapacity>> GetCapacitiesAsync(IReadOnlyCollection<string> serverIds, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Current);

    private ServerCapacity Capacity(string size, string vmId)
    {
        var info = _sizes.FirstOrDefault(s => s.Name.Equals(size, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"size '{size}' is not in the catalogue", nameof(size));
        return new ServerCapacity(info.Name, info.Cores, info.MemoryGb, vmId);
    }
}
