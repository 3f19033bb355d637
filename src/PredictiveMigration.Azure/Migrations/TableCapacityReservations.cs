using Azure;
using Azure.Data.Tables;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Azure.Migrations;

/// <summary>
/// <see cref="ICapacityReservations"/> in Azure Tables: PartitionKey = region (lower case), RowKey = reservation key.
/// Reserving upserts by key, so a repeated reservation changes nothing.
/// </summary>
public sealed class TableCapacityReservations(TableServiceClient service, string tableName = "MigrationReservations") : ICapacityReservations
{
    private readonly TableClient _table = service.GetTableClient(tableName);
    private int _created;

    public async Task ReserveAsync(CapacityReservation reservation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentException.ThrowIfNullOrWhiteSpace(reservation.Key, nameof(reservation));
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(reservation.Region.ToLowerInvariant(), reservation.Key)
        {
            ["MigrationId"] = reservation.MigrationId,
            ["Region"] = reservation.Region,
            ["Cores"] = reservation.Cores,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);

        // The key alone does not say the region: find the row, then delete it (absent is fine).
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.RowKey == key, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _table.DeleteEntityAsync(e.PartitionKey, e.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Released by someone else meanwhile.
            }
        }
    }

    public async Task<IReadOnlyList<CapacityReservation>> ListAsync(string region, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var partition = region.ToLowerInvariant();
        var list = new List<CapacityReservation>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(new CapacityReservation(e.RowKey, e.GetString("MigrationId") ?? string.Empty, e.GetString("Region") ?? region, e.GetInt32("Cores") ?? 0));
        }

        return list;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }
    }
}
