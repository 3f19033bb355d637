namespace PredictiveMigration.Domain.Connectors;

/// <summary>Connectors as last recorded, and past migration observations. Every write is idempotent by key.</summary>
public interface IConnectorStore
{
    /// <summary>Records (or replaces) a connector by <see cref="Connector.Id"/>.</summary>
    Task UpsertConnectorAsync(Connector connector, CancellationToken cancellationToken);

    /// <summary>The connector, or null.</summary>
    Task<Connector?> GetConnectorAsync(string connectorId, CancellationToken cancellationToken);

    /// <summary>All connectors, by id.</summary>
    Task<IReadOnlyList<Connector>> ListConnectorsAsync(CancellationToken cancellationToken);

    /// <summary>Removes a connector; absent is fine.</summary>
    Task DeleteConnectorAsync(string connectorId, CancellationToken cancellationToken);

    /// <summary>Records an observation (recording the same migration id again replaces it).</summary>
    Task RecordObservationAsync(MigrationObservation observation, CancellationToken cancellationToken);

    /// <summary>Observations that started at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<MigrationObservation>> ListObservationsAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
