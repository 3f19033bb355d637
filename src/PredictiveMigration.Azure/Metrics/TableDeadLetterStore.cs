using System.Globalization;
using Azure.Data.Tables;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Ingestion;

namespace PredictiveMigration.Azure.Metrics;

/// <summary>
/// Dead letters in Azure Tables: PartitionKey = the event's day (<c>yyyyMMdd</c>, from the hub's enqueued time so a
/// redelivery lands in the same partition), RowKey = the dead letter's content-derived id. Upserts make redelivery harmless.
/// </summary>
public sealed class TableDeadLetterStore(MetricsTables tables) : IDeadLetterStore
{
    public async Task AddAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetters);
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var day in deadLetters.GroupBy(d => DayKey(d.Day)))
        {
            // Within one transaction a row may appear once: keep the last of any repeats.
            var rows = day.GroupBy(d => d.Id).Select(g => g.Last());
            foreach (var chunk in rows.Chunk(100))
            {
                var actions = chunk.Select(d => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(d)));
                await tables.DeadLetters.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken)
    {
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<DeadLetter>();
        for (var day = to.UtcDateTime.Date; day >= from.UtcDateTime.Date && result.Count < max; day = day.AddDays(-1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DayKey(new DateTimeOffset(day, TimeSpan.Zero))}");
            var dayRows = new List<DeadLetter>();
            await foreach (var entity in tables.DeadLetters.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                dayRows.Add(FromEntity(entity));
            }

            result.AddRange(dayRows.OrderByDescending(d => d.ReceivedAt).Take(max - result.Count));
        }

        return result;
    }

    private static string DayKey(DateTimeOffset day) => day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(DeadLetter d) => new(DayKey(d.Day), d.Id)
    {
        ["ReceivedAt"] = d.ReceivedAt,
        ["Source"] = d.Source,
        ["EventIndex"] = d.Index,
        ["Reason"] = d.Reason.ToString(),
        ["Field"] = d.Field,
        ["Message"] = d.Message,
        ["ServerId"] = d.ServerId,
        ["Payload"] = d.Payload,
        ["PayloadBytes"] = d.PayloadBytes,
        ["Truncated"] = d.Truncated,
    };

    private static DeadLetter FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetDateTimeOffset("ReceivedAt") ?? default,
        DateTimeOffset.ParseExact(e.PartitionKey, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        e.GetString("Source") ?? string.Empty,
        e.GetInt32("EventIndex") ?? -1,
        Enum.TryParse<RejectionReason>(e.GetString("Reason"), out var reason) ? reason : RejectionReason.Malformed,
        e.GetString("Field"),
        e.GetString("Message") ?? string.Empty,
        e.GetString("ServerId"),
        e.GetString("Payload") ?? string.Empty,
        e.GetInt32("PayloadBytes") ?? 0,
        e.GetBoolean("Truncated") ?? false);
}
