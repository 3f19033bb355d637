using System.Text.Json;
using Azure.Data.Tables;
using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Azure.Connectors;

/// <summary>
/// <see cref="IConnectorStore"/> on Azure Tables. Connectors: PartitionKey <c>c</c>, RowKey = connector id (a fleet is
/// small: one partition keeps listing a single query). Observations: PartitionKey <c>o</c>, RowKey = migration id, so
/// recording the same migration again replaces its row (idempotent); listing filters on <c>StartedAt</c>. Writes are
/// upserts (replace): the last writer wins, which is what a plan runner re-applying the same action wants.
/// </summary>
public sealed class TableConnectorStore(ConnectorTables tables) : IConnectorStore
{
    private const string ConnectorPartition = "c";
    private const string ObservationPartition = "o";

    public async Task UpsertConnectorAsync(Connector connector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        CheckKey(connector.Id, "connector id");
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(ConnectorPartition, connector.Id)
        {
            ["Region"] = connector.Region,
            ["Size"] = connector.Size,
            ["State"] = connector.State.ToString(),
            ["CapacityMBps"] = connector.CapacityMBps,
            ["MaxTasks"] = connector.MaxTasks,
            ["Tasks"] = JsonSerializer.Serialize(connector.AssignedTasks),
            ["StateSince"] = connector.StateSince,
        };
        await tables.Connectors.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Connector?> GetConnectorAsync(string connectorId, CancellationToken cancellationToken)
    {
        CheckKey(connectorId, "connector id");
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var found = await tables.Connectors.GetEntityIfExistsAsync<TableEntity>(ConnectorPartition, connectorId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? ToConnector(found.Value!) : null;
    }

    public async Task<IReadOnlyList<Connector>> ListConnectorsAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Connector>();
        await foreach (var e in tables.Connectors.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ConnectorPartition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToConnector(e));
        }

        return [.. list.OrderBy(c => c.Id, StringComparer.Ordinal)];
    }

    public async Task DeleteConnectorAsync(string connectorId, CancellationToken cancellationToken)
    {
        CheckKey(connectorId, "connector id");
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await tables.Connectors.DeleteEntityAsync(ConnectorPartition, connectorId, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordObservationAsync(MigrationObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        CheckKey(observation.MigrationId, "migration id");
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(ObservationPartition, observation.MigrationId)
        {
            ["SourceRegion"] = observation.SourceRegion,
            ["StartedAt"] = observation.StartedAt,
            ["DataBytes"] = observation.DataBytes,
            ["DurationTicks"] = observation.Duration.Ticks,
            ["Succeeded"] = observation.Succeeded,
        };
        await tables.Observations.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<MigrationObservation>> ListObservationsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<MigrationObservation>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ObservationPartition} and StartedAt ge {since}");
        await foreach (var e in tables.Observations.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(new MigrationObservation(
                e.RowKey,
                e.GetString("SourceRegion") ?? string.Empty,
                e.GetDateTimeOffset("StartedAt") ?? default,
                e.GetInt64("DataBytes") ?? 0,
                TimeSpan.FromTicks(e.GetInt64("DurationTicks") ?? 0),
                e.GetBoolean("Succeeded") ?? false));
        }

        return [.. list.OrderBy(o => o.StartedAt).ThenBy(o => o.MigrationId, StringComparer.Ordinal)];
    }

    private static Connector ToConnector(TableEntity e) => new(
        e.RowKey,
        e.GetString("Region") ?? string.Empty,
        e.GetString("Size") ?? string.Empty,
        Enum.TryParse<ConnectorState>(e.GetString("State"), out var state) ? state : ConnectorState.Warm,
        e.GetDouble("CapacityMBps") ?? 0,
        e.GetInt32("MaxTasks") ?? 0,
        JsonSerializer.Deserialize<string[]>(e.GetString("Tasks") ?? "[]") ?? [],
        e.GetDateTimeOffset("StateSince") ?? default);

    /// <summary>Table keys may not hold '/', '\', '#', '?' or control characters, nor exceed 1 KiB.</summary>
    private static void CheckKey(string key, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Length > 512 || key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"The {what} '{key}' cannot be a table key: at most 512 characters, without '/', '\\', '#', '?' or control characters.", nameof(key));
        }
    }
}
