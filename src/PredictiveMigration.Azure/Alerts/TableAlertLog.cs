using Azure.Data.Tables;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

/// <summary><see cref="IAlertLog"/> over the alerts table: day partitions of the log, newest first; the dead-letter partition.</summary>
public sealed class TableAlertLog(AlertTables tables, TimeProvider time) : IAlertLog
{
    public const int MaxPage = 1000;

    public async Task<IReadOnlyList<AlertLogEntry>> ListRecentAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, MaxPage);
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<AlertLogEntry>();
        var today = time.GetUtcNow();
        for (var day = 0; day < tables.Options.LogLookbackDays && result.Count < max; day++)
        {
            var partition = AlertTables.LogPartition(today.AddDays(-day));
            var alerts = new SortedDictionary<string, TableEntity>(StringComparer.Ordinal);
            var statuses = new Dictionary<string, List<AlertDeliveryStatus>>(StringComparer.Ordinal);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
            await foreach (var entity in tables.Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var split = entity.RowKey.IndexOf('~', StringComparison.Ordinal);
                if (split < 0)
                {
                    alerts[entity.RowKey] = entity;
                    continue;
                }

                var key = entity.RowKey[..split];
                if (!statuses.TryGetValue(key, out var list))
                {
                    statuses[key] = list = [];
                }

                list.Add(new AlertDeliveryStatus(
                    entity.GetString("Subscription") ?? entity.RowKey[(split + 1)..],
                    Enum.TryParse<AlertDeliveryState>(entity.GetString("State"), out var state) ? state : AlertDeliveryState.Pending,
                    entity.GetInt32("Attempts") ?? 0,
                    entity.GetDateTimeOffset("UpdatedAt") ?? default,
                    entity.GetDateTimeOffset("NextAttemptAt"),
                    entity.GetString("LastError")));
            }

            foreach (var (key, entity) in alerts)
            {
                if (result.Count >= max)
                {
                    break;
                }

                var deliveries = statuses.TryGetValue(key, out var list) ? list.OrderBy(s => s.Subscription, StringComparer.Ordinal).ToList() : [];
                result.Add(new AlertLogEntry(AlertJson.Deserialize(entity.GetString("Alert")!), entity.GetDateTimeOffset("PublishedAt") ?? default, deliveries));
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<AlertDeadLetter>> ListDeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, MaxPage);
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<AlertDeadLetter>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AlertTables.DeadPartition}");
        await foreach (var entity in tables.Table.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(new AlertDeadLetter(
                entity.GetString("DeliveryId") ?? string.Empty,
                entity.GetString("Subscription") ?? string.Empty,
                AlertJson.Deserialize(entity.GetString("Alert")!),
                entity.GetInt32("Attempts") ?? 0,
                entity.GetDateTimeOffset("DeadLetteredAt") ?? default,
                entity.GetString("Reason") ?? string.Empty,
                entity.GetInt32("LastStatusCode")));
            if (result.Count >= max)
            {
                break;
            }
        }

        return result;
    }
}
