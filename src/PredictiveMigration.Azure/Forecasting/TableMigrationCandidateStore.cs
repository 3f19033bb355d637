using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Azure.Forecasting;

/// <summary>
/// <see cref="IMigrationCandidateStore"/> on Azure Tables: PartitionKey <c>b{bucket}</c>, RowKey = server id, one row per
/// server with <c>Status</c> <c>open</c> or <c>consumed</c>. Every change is ETag-conditional (re-read and retried on a
/// conflict). A consumed candidate belongs to its migration: <see cref="UpsertAsync"/> does not reopen it and
/// <see cref="RemoveAsync"/> does not delete it (only the open candidate is replaced or removed), so a server that stays
/// at risk while it is being migrated does not start a second migration.
/// </summary>
public sealed class TableMigrationCandidateStore(ForecastTables tables, TimeProvider time) : IMigrationCandidateStore
{
    private const int MaxAttempts = 8;
    private const string Open = "open";
    private const string Consumed = "consumed";

    public async Task UpsertAsync(MigrationCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        await ChangeAsync(candidate.ServerId, async (existing, ct) =>
        {
            if (existing?.GetString("Status") == Consumed)
            {
                return true;
            }

            var entity = ToEntity(candidate);
            if (existing is null)
            {
                await tables.Candidates.AddEntityAsync(entity, ct).ConfigureAwait(false);
            }
            else
            {
                await tables.Candidates.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string serverId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverId);
        await ChangeAsync(serverId, async (existing, ct) =>
        {
            if (existing is null || existing.GetString("Status") != Open)
            {
                return true;
            }

            await tables.Candidates.DeleteEntityAsync(existing.PartitionKey, existing.RowKey, existing.ETag, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<MigrationCandidate>> ListOpenAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<MigrationCandidate>();
        await foreach (var e in tables.Candidates.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Status eq {Open}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(FromEntity(e));
        }

        return [.. result.OrderByDescending(c => c.RiskScore).ThenBy(c => c.ServerId, StringComparer.Ordinal)];
    }

    public async Task ConsumeAsync(string serverId, string migrationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverId);
        ArgumentException.ThrowIfNullOrEmpty(migrationId);
        await ChangeAsync(serverId, async (existing, ct) =>
        {
            if (existing is null || existing.GetString("Status") != Open)
            {
                return true;
            }

            existing["Status"] = Consumed;
            existing["MigrationId"] = migrationId;
            existing["ConsumedAt"] = time.GetUtcNow();
            await tables.Candidates.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the row and applies a change; a conflict (409, 412, 404 from a concurrent writer) re-reads and retries.</summary>
    private async Task ChangeAsync(string serverId, Func<TableEntity?, CancellationToken, Task<bool>> change, CancellationToken cancellationToken)
    {
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var pk = tables.Layout.InventoryPartitionKey(serverId);
        for (var attempt = 1; ; attempt++)
        {
            var found = await tables.Candidates.GetEntityIfExistsAsync<TableEntity>(pk, serverId, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                await change(found.HasValue ? found.Value : null, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404 && attempt < MaxAttempts)
            {
                // Someone else changed the row between our read and write: read it again.
            }
        }
    }

    private TableEntity ToEntity(MigrationCandidate c)
    {
        var entity = new TableEntity(tables.Layout.InventoryPartitionKey(c.ServerId), c.ServerId)
        {
            ["Status"] = Open,
            ["DetectedAt"] = c.DetectedAt,
            ["Source"] = c.Source.ToString(),
            ["RiskScore"] = c.RiskScore,
            ["Resource"] = c.Resource?.ToString(),
            ["ExpectedTicks"] = c.ExpectedTimeToExhaustion?.Ticks,
            ["EarliestTicks"] = c.EarliestTimeToExhaustion?.Ticks,
            ["Reasons"] = JsonSerializer.Serialize(c.Reasons),
            ["ModelVersion"] = c.ModelVersion,
        };
        if (c.Profile is not null)
        {
            ForecastCodec.WriteChunks(entity, "Profile", ForecastCodec.EncodeProfile(c.Profile));
        }

        return entity;
    }

    private static MigrationCandidate FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetDateTimeOffset("DetectedAt") ?? default,
        Enum.TryParse<CandidateSource>(e.GetString("Source"), out var source) ? source : CandidateSource.Forecast,
        e.GetInt32("RiskScore") ?? 0,
        Enum.TryParse<ResourceKind>(e.GetString("Resource"), out var resource) ? resource : null,
        e.GetInt64("ExpectedTicks") is { } expected ? TimeSpan.FromTicks(expected) : null,
        e.GetInt64("EarliestTicks") is { } earliest ? TimeSpan.FromTicks(earliest) : null,
        JsonSerializer.Deserialize<string[]>(e.GetString("Reasons") ?? "[]") ?? [],
        ForecastCodec.ReadChunks(e, "Profile") is { } profile ? ForecastCodec.DecodeProfile(profile) : null,
        e.GetString("ModelVersion") ?? string.Empty);
}
