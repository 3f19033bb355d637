using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Functions.Connectors;

/// <summary>
/// <see cref="IScaleRequestLog"/> in an Azure table (PartitionKey <c>s</c>, RowKey = the idempotency key; the actions
/// as JSON). The table is created on first use.
/// </summary>
public sealed class TableScaleRequestLog(TableServiceClient service, string tableName) : IScaleRequestLog
{
    private const string Partition = "s";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = service.GetTableClient(tableName);
    private volatile bool _created;

    public async Task<ScaleRequestEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value is not { } e)
        {
            return null;
        }

        var actions = JsonSerializer.Deserialize<List<ConnectorAction>>(e.GetString("Actions") ?? "[]", Json) ?? [];
        return new ScaleRequestEntry(key, e.GetString("RequestHash") ?? "", actions, e.GetBoolean("Completed") ?? false);
    }

    public async Task SaveAsync(ScaleRequestEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        var e = new TableEntity(Partition, entry.Key)
        {
            ["RequestHash"] = entry.RequestHash,
            ["Actions"] = JsonSerializer.Serialize(entry.Actions, Json),
            ["Completed"] = entry.Completed,
        };
        await _table.UpsertEntityAsync(e, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask EnsureAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        try
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Created concurrently: fine.
        }

        _created = true;
    }
}
