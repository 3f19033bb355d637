using Azure.Data.Tables;
using PredictiveMigration.Azure.Metrics;
using PredictiveMigration.Domain.Forecasting;

namespace PredictiveMigration.Azure.Forecasting;

/// <summary>
/// <see cref="IRiskStore"/> on Azure Tables (docs/forecasting.md, "In production").
/// Latest: PartitionKey <c>b{bucket}</c>, RowKey = server id; a compact row (score, top resource and reason, model
/// version, method) plus the whole forecast compressed in binary chunks (<see cref="ForecastCodec"/>).
/// History: PartitionKey <c>b{bucket}-{yyyyMMdd}</c>, RowKey <c>{serverId}|{HHmm}</c> (the rollup scheme), with the
/// score and each resource's probability: one server's day is one row range, a run's rows batch by partition.
/// Writes are upserts keyed by server (and tick), so saving a tick again overwrites it.
/// </summary>
public sealed class TableRiskStore(ForecastTables tables) : IRiskStore
{
    private const int MaxTransactionActions = 100;

    /// <summary>Payload budget of one entity-group transaction (the service allows 4 MB).</summary>
    private const int MaxTransactionBytes = 3 * 1024 * 1024;

    public async Task SaveAsync(IReadOnlyList<ServerForecast> forecasts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var latest = forecasts.Select(LatestEntity).GroupBy(e => e.Entity.PartitionKey, StringComparer.Ordinal).Select(g => (tables.Latest, g.ToList()));
        var history = forecasts.Select(f => (Entity: HistoryEntity(f), Bytes: 512)).GroupBy(e => e.Entity.PartitionKey, StringComparer.Ordinal).Select(g => (tables.History, g.ToList()));
        await Parallel.ForEachAsync(
            latest.Concat(history),
            new ParallelOptions { MaxDegreeOfParallelism = tables.Options.WriteParallelism, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var (table, rows) = partition;
                var batch = new List<TableTransactionAction>();
                var bytes = 0;
                foreach (var (entity, size) in rows)
                {
                    if (batch.Count == MaxTransactionActions || (batch.Count > 0 && bytes + size > MaxTransactionBytes))
                    {
                        await table.SubmitTransactionAsync(batch, ct).ConfigureAwait(false);
                        batch = [];
                        bytes = 0;
                    }

                    batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
                    bytes += size;
                }

                if (batch.Count > 0)
                {
                    await table.SubmitTransactionAsync(batch, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
    }

    public async Task<ServerForecast?> GetLatestAsync(string serverId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverId);
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var found = await tables.Latest.GetEntityIfExistsAsync<TableEntity>(tables.Layout.InventoryPartitionKey(serverId), serverId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && ForecastCodec.ReadChunks(found.Value!, "F") is { } bytes ? ForecastCodec.Decode(bytes) : null;
    }

    public async Task<IReadOnlyList<RiskSummary>> ListLatestAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<RiskSummary>();
        var select = new[] { "RowKey", "AssessedAt", "Score", "TopResource", "TopReason", "ModelVersion" };
        await foreach (var e in tables.Latest.QueryAsync<TableEntity>(select: select, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(new RiskSummary(
                e.RowKey,
                e.GetDateTimeOffset("AssessedAt") ?? default,
                e.GetInt32("Score") ?? 0,
                Enum.TryParse<ResourceKind>(e.GetString("TopResource"), out var top) ? top : null,
                e.GetString("TopReason"),
                e.GetString("ModelVersion") ?? string.Empty));
        }

        return [.. result.OrderByDescending(r => r.Score).ThenBy(r => r.ServerId, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<RiskHistoryPoint>> GetHistoryAsync(string serverId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverId);
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<RiskHistoryPoint>();
        for (var day = from.UtcDateTime.Date; day < to.UtcDateTime; day = day.AddDays(1))
        {
            var dayStart = new DateTimeOffset(day, TimeSpan.Zero);
            var lo = from > dayStart ? from : dayStart;
            var pk = tables.Layout.RollupPartitionKey(serverId, dayStart);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {PartitionLayout.RollupRowKey(serverId, lo)} and RowKey le {serverId + "|2359"}");
            await foreach (var e in tables.History.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var at = e.GetDateTimeOffset("AssessedAt") ?? default;
                if (at < from || at >= to)
                {
                    continue;
                }

                var probability = new Dictionary<ResourceKind, double>();
                foreach (var kind in Enum.GetValues<ResourceKind>())
                {
                    if (e.GetDouble("P" + kind) is { } p)
                    {
                        probability[kind] = p;
                    }
                }

                result.Add(new RiskHistoryPoint(at, e.GetInt32("Score") ?? 0, probability, e.GetString("ModelVersion") ?? string.Empty));
            }
        }

        return [.. result.OrderBy(p => p.AssessedAt)];
    }

    private (TableEntity Entity, int Bytes) LatestEntity(ServerForecast f)
    {
        var a = f.Assessment;
        var top = a.Resources.OrderByDescending(r => r.Score).FirstOrDefault();
        var entity = new TableEntity(tables.Layout.InventoryPartitionKey(a.ServerId), a.ServerId)
        {
            ["AssessedAt"] = a.AssessedAt,
            ["Score"] = a.Score,
            ["ModelVersion"] = a.ModelVersion,
            ["Method"] = f.Method,
            ["TopResource"] = top is { Score: > 0 } ? top.Resource.ToString() : null,
            ["TopReason"] = a.Reasons.Count > 0 ? Truncate(a.Reasons[0].Text, 1000) : null,
        };
        var bytes = ForecastCodec.Encode(f);
        ForecastCodec.WriteChunks(entity, "F", bytes);
        return (entity, bytes.Length + 1024);
    }

    private TableEntity HistoryEntity(ServerForecast f)
    {
        var a = f.Assessment;
        var entity = new TableEntity(tables.Layout.RollupPartitionKey(a.ServerId, a.AssessedAt), PartitionLayout.RollupRowKey(a.ServerId, a.AssessedAt))
        {
            ["AssessedAt"] = a.AssessedAt,
            ["Score"] = a.Score,
            ["ModelVersion"] = a.ModelVersion,
        };
        foreach (var r in a.Resources)
        {
            entity["P" + r.Resource] = r.Probability;
        }

        return entity;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
