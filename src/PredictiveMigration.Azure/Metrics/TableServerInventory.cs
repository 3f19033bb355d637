using System.Collections.Concurrent;
using Azure.Data.Tables;
using PredictiveMigration.Domain.Metrics.Inventory;

namespace PredictiveMigration.Azure.Metrics;

/// <summary>
/// The server inventory in Azure Tables (PartitionKey <c>b{bucket}</c>, RowKey = server id). To keep table
/// operations per event low, a server's row is rewritten only when its agent version or capacity changes, or when
/// its last-seen has moved by <see cref="MetricsStorageOptions.InventoryRefresh"/> since this process last wrote it:
/// last-seen is exact to that interval (the rollups hold the exact times).
/// </summary>
public sealed class TableServerInventory(MetricsTables tables) : IServerInventory
{
    private readonly ConcurrentDictionary<string, ServerObservation> _written = new(StringComparer.Ordinal);

    public async Task RecordAsync(IReadOnlyList<ServerObservation> observations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observations);
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<ServerObservation>();
        foreach (var o in observations)
        {
            if (!_written.TryGetValue(o.ServerId, out var last))
            {
                due.Add(o);
                continue;
            }

            var merged = o with
            {
                LastSeen = o.LastSeen > last.LastSeen ? o.LastSeen : last.LastSeen,
                AgentVersion = o.AgentVersion ?? last.AgentVersion,
                CpuCores = o.CpuCores ?? last.CpuCores,
                MemoryTotalBytes = o.MemoryTotalBytes ?? last.MemoryTotalBytes,
            };
            if (merged.AgentVersion != last.AgentVersion || merged.CpuCores != last.CpuCores
                || merged.MemoryTotalBytes != last.MemoryTotalBytes || merged.LastSeen - last.LastSeen >= tables.Options.InventoryRefresh)
            {
                due.Add(merged);
            }
        }

        foreach (var partition in due.GroupBy(o => tables.Layout.InventoryPartitionKey(o.ServerId)))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                var actions = chunk.Select(o => new TableTransactionAction(TableTransactionActionType.UpsertMerge, ToEntity(partition.Key, o)));
                await tables.Servers.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                foreach (var o in chunk)
                {
                    _written[o.ServerId] = o;
                }
            }
        }
    }

    public async Task<IReadOnlyList<ServerObservation>> ListAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<ServerObservation>();
        await foreach (var entity in tables.Servers.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(FromEntity(entity));
        }

        return result.OrderBy(s => s.ServerId, StringComparer.Ordinal).ToList();
    }

    public async Task<ServerObservation?> GetAsync(string serverId, CancellationToken cancellationToken)
    {
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var found = await tables.Servers.GetEntityIfExistsAsync<TableEntity>(tables.Layout.InventoryPartitionKey(serverId), serverId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    private static TableEntity ToEntity(string partitionKey, ServerObservation o)
    {
        var entity = new TableEntity(partitionKey, o.ServerId) { ["LastSeen"] = o.LastSeen };
        if (o.AgentVersion is not null)
        {
            entity["AgentVersion"] = o.AgentVersion;
        }

        if (o.CpuCores is { } cores)
        {
            entity["CpuCores"] = cores;
        }

        if (o.MemoryTotalBytes is { } memory)
        {
            entity["MemoryTotalBytes"] = memory;
        }

        return entity;
    }

    private static ServerObservation FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetDateTimeOffset("LastSeen") ?? default,
        e.GetString("AgentVersion"),
        e.GetInt32("CpuCores"),
        e.GetDouble("MemoryTotalBytes"));
}
