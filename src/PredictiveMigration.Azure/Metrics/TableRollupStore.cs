using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Azure.Metrics;

/// <summary>
/// Minute rollups in Azure Tables (key scheme in <see cref="PartitionLayout"/>). A batch's rows are grouped by
/// partition and written as entity-group transactions of up to 100 rows: inserts for new minutes, ETag-conditional
/// replaces for known ones. A conflict (another writer, a stale cache, a retried batch whose first attempt did land)
/// re-reads the rows and re-applies the events, which the rows' sequence sets de-duplicate.
/// </summary>
public sealed class TableRollupStore : IRollupStore
{
    private const int MaxTransactionActions = 100;
    private const int MaxConflictAttempts = 8;

    private readonly MetricsTables _tables;
    private readonly RollupRowCache _cache;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _partitionLocks = new(StringComparer.Ordinal);

    public TableRollupStore(MetricsTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables;
        _cache = new RollupRowCache(tables.Options.MaxCachedRows);
    }

    internal int CachedRows => _cache.Count;

    public async Task<RollupWriteResult> ApplyAsync(IReadOnlyList<RollupGroup> groups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groups);
        await _tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var partitions = groups
            .GroupBy(g => _tables.Layout.RollupPartitionKey(g.ServerId, g.Minute), StringComparer.Ordinal)
            .ToList();

        var total = default(RollupWriteResult);
        var gate = new Lock();
        await Parallel.ForEachAsync(
            partitions,
            new ParallelOptions { MaxDegreeOfParallelism = _tables.Options.WriteParallelism, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                var result = await WritePartitionAsync(partition.Key, partition.ToList(), ct).ConfigureAwait(false);
                lock (gate)
                {
                    total += result;
                }
            }).ConfigureAwait(false);
        return total;
    }

    private async Task<RollupWriteResult> WritePartitionAsync(string partitionKey, List<RollupGroup> rows, CancellationToken cancellationToken)
    {
        // One writer per partition in this process; other processes are kept honest by ETags.
        var partitionLock = _partitionLocks.GetOrAdd(partitionKey, _ => new SemaphoreSlim(1, 1));
        await partitionLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = default(RollupWriteResult);
            foreach (var chunk in rows.Chunk(MaxTransactionActions))
            {
                result += await WriteChunkAsync(partitionKey, chunk, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            partitionLock.Release();
        }
    }

    private async Task<RollupWriteResult> WriteChunkAsync(string partitionKey, RollupGroup[] rows, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var actions = new List<TableTransactionAction>(rows.Length);
            var pending = new List<(string Key, MinuteRollup State)>(rows.Length);
            int applied = 0, duplicates = 0;
            foreach (var row in rows)
            {
                var rowKey = PartitionLayout.RollupRowKey(row.ServerId, row.Minute);
                var key = CacheKey(partitionKey, rowKey);
                MinuteRollup state;
                ETag? etag = null;
                if (_cache.TryGet(key, out var cached))
                {
                    state = cached.State.Clone();
                    etag = cached.ETag;
                }
                else
                {
                    state = new MinuteRollup(row.ServerId, row.Minute);
                }

                var newHere = 0;
                foreach (var e in row.Events)
                {
                    if (state.Apply(e))
                    {
                        newHere++;
                    }
                    else
                    {
                        duplicates++;
                    }
                }

                if (newHere == 0)
                {
                    continue;
                }

                applied += newHere;
                var entity = RollupEntityCodec.ToEntity(partitionKey, rowKey, state);
                actions.Add(etag is { } tag
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, tag)
                    : new TableTransactionAction(TableTransactionActionType.Add, entity));
                pending.Add((key, state));
            }

            if (actions.Count == 0)
            {
                return new RollupWriteResult(0, duplicates, 0);
            }

            try
            {
                var response = await _tables.Rollups.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < pending.Count; i++)
                {
                    _cache.Set(pending[i].Key, pending[i].State, response.Value[i].Headers.ETag ?? default);
                }

                return new RollupWriteResult(applied, duplicates, actions.Count);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404 && attempt < MaxConflictAttempts)
            {
                // Someone else wrote (or our cache is stale, or an earlier attempt of this batch landed): re-read and re-apply.
                await RefreshAsync(partitionKey, rows, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RefreshAsync(string partitionKey, RollupGroup[] rows, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            rows,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (row, ct) =>
            {
                var rowKey = PartitionLayout.RollupRowKey(row.ServerId, row.Minute);
                var key = CacheKey(partitionKey, rowKey);
                var found = await _tables.Rollups.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: ct).ConfigureAwait(false);
                if (found.HasValue)
                {
                    _cache.Set(key, RollupEntityCodec.FromEntity(found.Value!), found.Value!.ETag);
                }
                else
                {
                    _cache.Remove(key);
                }
            }).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<MinuteRollup> ReadAsync(string serverId, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serverId);
        await _tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var first = MinuteRollup.FloorToMinute(from);
        for (var day = first.UtcDateTime.Date; day < to.UtcDateTime; day = day.AddDays(1))
        {
            var dayStart = new DateTimeOffset(day, TimeSpan.Zero);
            var lo = first > dayStart ? first : dayStart;
            var hi = to < dayStart.AddDays(1) ? to : dayStart.AddDays(1);
            var pk = _tables.Layout.RollupPartitionKey(serverId, dayStart);
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {pk} and RowKey ge {PartitionLayout.RollupRowKey(serverId, lo)} and RowKey le {serverId + "|2359"}");
            await foreach (var entity in _tables.Rollups.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var rollup = RollupEntityCodec.FromEntity(entity);
                if (rollup.Minute >= hi)
                {
                    break;
                }

                yield return rollup;
            }
        }
    }

    private static string CacheKey(string partitionKey, string rowKey) => string.Concat(partitionKey, "/", rowKey);
}
