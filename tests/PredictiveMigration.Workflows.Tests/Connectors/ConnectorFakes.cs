using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Workflows.Connectors;

namespace PredictiveMigration.Workflows.Tests.Connectors;

/// <summary>In-memory connector store.</summary>
internal sealed class InMemoryConnectorStore : IConnectorStore
{
    public Dictionary<string, Connector> Connectors { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, MigrationObservation> Observations { get; } = new(StringComparer.Ordinal);

    public int Writes { get; private set; }

    public Task UpsertConnectorAsync(Connector connector, CancellationToken cancellationToken)
    {
        Writes++;
        Connectors[connector.Id] = connector;
        return Task.CompletedTask;
    }

    public Task<Connector?> GetConnectorAsync(string connectorId, CancellationToken cancellationToken) =>
        Task.FromResult(Connectors.GetValueOrDefault(connectorId));

    public Task<IReadOnlyList<Connector>> ListConnectorsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Connector>>([.. Connectors.Values.OrderBy(c => c.Id, StringComparer.Ordinal)]);

    public Task DeleteConnectorAsync(string connectorId, CancellationToken cancellationToken)
    {
        Writes++;
        Connectors.Remove(connectorId);
        return Task.CompletedTask;
    }

    public Task RecordObservationAsync(MigrationObservation observation, CancellationToken cancellationToken)
    {
        Observations[observation.MigrationId] = observation;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MigrationObservation>> ListObservationsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MigrationObservation>>([.. Observations.Values.Where(o => o.StartedAt >= since).OrderBy(o => o.StartedAt)]);
}

/// <summary>A cloud that records every action and answers from a script (default: success).</summary>
internal sealed class ScriptedActuator : IConnectorActuator
{
    public List<ConnectorAction> Applied { get; } = [];

    /// <summary>Given the action and its 1-based attempt for that connector and kind, a failure or null for success.</summary>
    public Func<ConnectorAction, int, CloudFailure?> Script { get; set; } = (_, _) => null;

    private readonly Dictionary<(string, ConnectorActionKind), int> _attempts = [];

    public Task<CloudResult<VmInfo?>> ApplyAsync(ConnectorAction action, CancellationToken cancellationToken)
    {
        var key = (action.ConnectorId, action.Kind);
        var attempt = _attempts[key] = _attempts.GetValueOrDefault(key) + 1;
        Applied.Add(action);
        var failure = Script(action, attempt);
        return Task.FromResult(failure is null ? CloudResult<VmInfo?>.Ok(null) : CloudResult<VmInfo?>.Fail(failure));
    }
}

/// <summary>Every region has the same quota.</summary>
internal sealed class FixedQuotaInventory(long coresUsed = 0, long coresLimit = 200) : ICloudInventory
{
    public Task<CloudResult<IReadOnlyList<string>>> ListRegionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(CloudResult<IReadOnlyList<string>>.Ok(["westeurope", "northeurope"]));

    public Task<CloudResult<IReadOnlyList<SizeInfo>>> ListSizesAsync(string region, CancellationToken cancellationToken) =>
        Task.FromResult(CloudResult<IReadOnlyList<SizeInfo>>.Ok([]));

    public Task<CloudResult<RegionQuota>> GetCoreQuotaAsync(string region, CancellationToken cancellationToken) =>
        Task.FromResult(CloudResult<RegionQuota>.Ok(new RegionQuota(region, coresUsed, coresLimit)));
}
