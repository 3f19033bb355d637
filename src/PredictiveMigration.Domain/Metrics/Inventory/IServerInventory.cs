namespace PredictiveMigration.Domain.Metrics.Inventory;

/// <summary>The servers the fleet has reported, with last seen, agent version and capacity.</summary>
public interface IServerInventory
{
    /// <summary>Records observations. Implementations may coalesce writes (last seen is then exact to a documented interval).</summary>
    Task RecordAsync(IReadOnlyList<ServerObservation> observations, CancellationToken cancellationToken);

    Task<IReadOnlyList<ServerObservation>> ListAsync(CancellationToken cancellationToken);

    Task<ServerObservation?> GetAsync(string serverId, CancellationToken cancellationToken);
}
