using Azure.Data.Tables;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>Writes alerts into the log and the outbox, and delivery statuses into the log. Every write is an upsert
/// keyed deterministically, so repeating one after a crash is harmless.</summary>
internal sealed class AlertOutbox(AlertTables tables)
{
    /// <summary>The alert's log row, one status row per subscription, and one outbox row per enqueued subscription.</summary>
    public async Task WriteAsync(
        Alert alert,
        DateTimeOffset publishedAt,
        string logPartition,
        string logRow,
        IReadOnlyList<string> enqueued,
        IReadOnlyList<(string Subscription, string Reason)> suppressed,
        CancellationToken cancellationToken)
    {
        var json = AlertJson.Serialize(alert);
        var log = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpsertReplace, new TableEntity(logPartition, logRow)
            {
                ["Alert"] = json,
                ["AlertId"] = alert.Id,
                ["Kind"] = alert.Kind.ToString(),
                ["ServerId"] = alert.ServerId,
                ["PublishedAt"] = publishedAt,
            }),
        };
        log.AddRange(enqueued.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            StatusEntity(logPartition, logRow, s, AlertDeliveryState.Pending, 0, publishedAt, publishedAt, null))));
        log.AddRange(suppressed.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            StatusEntity(logPartition, logRow, s.Subscription, AlertDeliveryState.Suppressed, 0, publishedAt, null, s.Reason))));
        foreach (var chunk in log.Chunk(100))
        {
            await tables.Table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        var pending = enqueued.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(AlertTables.PendingPartition, AlertTables.DeliveryId(alert.Id, s))
        {
            ["Alert"] = json,
            ["Subscription"] = s,
            ["Attempts"] = 0,
            ["NextAttemptAt"] = publishedAt,
            ["CreatedAt"] = publishedAt,
            ["LogPartition"] = logPartition,
            ["LogRow"] = logRow,
        })).ToList();
        foreach (var chunk in pending.Chunk(100))
        {
            await tables.Table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task WriteStatusAsync(TableEntity pending, AlertDeliveryState state, int attempts, DateTimeOffset now, DateTimeOffset? nextAttemptAt, string? lastError, CancellationToken cancellationToken)
    {
        var entity = StatusEntity(pending.GetString("LogPartition")!, pending.GetString("LogRow")!, pending.GetString("Subscription")!, state, attempts, now, nextAttemptAt, lastError);
        return tables.Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private static TableEntity StatusEntity(string partition, string logRow, string subscription, AlertDeliveryState state, int attempts, DateTimeOffset at, DateTimeOffset? next, string? error) =>
        new(partition, AlertTables.StatusRow(logRow, subscription))
        {
            ["Subscription"] = subscription,
            ["State"] = state.ToString(),
            ["Attempts"] = attempts,
            ["UpdatedAt"] = at,
            ["NextAttemptAt"] = next,
            ["LastError"] = error,
        };
}
