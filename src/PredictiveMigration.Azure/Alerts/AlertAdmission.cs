using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>
/// Decides, at publish time, what gets delivered: de-duplication by dedup key, the per-server high-risk cap and the
/// per-subscription rate limit (fixed windows). State lives in table rows updated with optimistic concurrency
/// (ETags), so several instances can publish at once. Suppressed alerts are counted per subscription and window;
/// when a window with suppressions closes, a throttle summary is enqueued for that subscription.
/// </summary>
internal sealed class AlertAdmission(AlertTables tables, AlertOutbox outbox)
{
    private const int MaxConflictRetries = 20;

    public async Task<DedupDecision> DedupAsync(Alert alert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await tables.Table.GetEntityIfExistsAsync<TableEntity>(AlertTables.DedupPartition, alert.DedupKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            var row = new TableEntity(AlertTables.DedupPartition, alert.DedupKey) { ["AlertId"] = alert.Id, ["FirstAt"] = now };
            try
            {
                if (!existing.HasValue)
                {
                    await tables.Table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                    return new DedupDecision(false, now, null);
                }

                var entity = existing.Value!;
                var firstAt = entity.GetDateTimeOffset("FirstAt") ?? DateTimeOffset.MinValue;
                if (entity.GetString("AlertId") == alert.Id)
                {
                    return new DedupDecision(false, firstAt, ReadCompleted(entity));
                }

                if (now - firstAt < tables.Options.DedupWindow)
                {
                    return new DedupDecision(true, firstAt, null);
                }

                await tables.Table.UpdateEntityAsync(row, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return new DedupDecision(false, now, null);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
                // Another publisher wrote the record first: read what it wrote.
            }
        }
    }

    public Task CompleteAsync(Alert alert, AlertPublishResult result, CancellationToken cancellationToken) =>
        tables.Table.UpdateEntityAsync(
            new TableEntity(AlertTables.DedupPartition, alert.DedupKey)
            {
                ["Outcome"] = result.Outcome.ToString(),
                ["Enqueued"] = string.Join(',', result.Enqueued),
                ["Suppressed"] = string.Join(',', result.Suppressed),
            },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken);

    /// <summary>Takes one high-risk slot for the server; false when the server is over its cap in this window.</summary>
    public async Task<bool> TakeServerCapAsync(string serverId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var options = tables.Options;
        for (var attempt = 0; ; attempt++)
        {
            var existing = await tables.Table.GetEntityIfExistsAsync<TableEntity>(AlertTables.ServerCapPartition, serverId, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!existing.HasValue)
                {
                    await tables.Table.AddEntityAsync(new TableEntity(AlertTables.ServerCapPartition, serverId) { ["WindowStart"] = now, ["Count"] = 1 }, cancellationToken).ConfigureAwait(false);
                    return true;
                }

                var entity = existing.Value!;
                var start = entity.GetDateTimeOffset("WindowStart") ?? DateTimeOffset.MinValue;
                var count = entity.GetInt32("Count") ?? 0;
                if (now >= start + options.HighRiskPerServerWindow)
                {
                    (start, count) = (now, 0);
                }

                if (count >= options.HighRiskPerServerCount)
                {
                    return false;
                }

                var row = new TableEntity(AlertTables.ServerCapPartition, serverId) { ["WindowStart"] = start, ["Count"] = count + 1 };
                await tables.Table.UpdateEntityAsync(row, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
            }
        }
    }

    /// <summary>
    /// Takes one slot of the subscription's rate limit, or records a suppression: with <paramref name="forcedReason"/>
    /// (the server cap) or when the window is full. Returns null when admitted, else the reason it was suppressed.
    /// </summary>
    public async Task<string?> TakeRateAsync(AlertSubscription subscription, Alert alert, string? forcedReason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await tables.Table.GetEntityIfExistsAsync<TableEntity>(AlertTables.ThrottlePartition, subscription.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            var start = now;
            var count = 0;
            var suppressed = 0;
            var counts = new ThrottleCounts();
            if (existing.HasValue)
            {
                var entity = existing.Value!;
                start = entity.GetDateTimeOffset("WindowStart") ?? now;
                count = entity.GetInt32("Count") ?? 0;
                suppressed = entity.GetInt32("Suppressed") ?? 0;
                counts = AlertJson.DeserializeCounts(entity.GetString("Counts"));
                if (now >= start + subscription.RateLimitWindow)
                {
                    if (suppressed > 0)
                    {
                        await EnqueueSummaryAsync(subscription, start, suppressed, counts, cancellationToken).ConfigureAwait(false);
                    }

                    (start, count, suppressed, counts) = (now, 0, 0, new ThrottleCounts());
                }
            }

            var reason = forcedReason ?? (count >= subscription.RateLimitCount ? RateReason(subscription) : null);
            if (reason is null)
            {
                count++;
            }
            else
            {
                suppressed++;
                counts.Add(reason, alert.Kind.ToString(), alert.ServerId);
            }

            var row = new TableEntity(AlertTables.ThrottlePartition, subscription.Name)
            {
                ["WindowStart"] = start,
                ["Count"] = count,
                ["Suppressed"] = suppressed,
                ["Counts"] = AlertJson.SerializeCounts(counts),
            };
            try
            {
                if (existing.HasValue)
                {
                    await tables.Table.UpdateEntityAsync(row, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await tables.Table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                }

                return reason;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
            }
        }
    }

    /// <summary>Enqueues the summary of every closed window that had suppressions, then clears its count. Returns how many.</summary>
    public async Task<int> FlushSummariesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var flushed = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AlertTables.ThrottlePartition}");
        var rows = new List<TableEntity>();
        await foreach (var entity in tables.Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(entity);
        }

        foreach (var entity in rows)
        {
            var suppressed = entity.GetInt32("Suppressed") ?? 0;
            var start = entity.GetDateTimeOffset("WindowStart") ?? now;
            if (suppressed == 0 || !tables.Subscriptions.TryGetValue(entity.RowKey, out var subscription) || now < start + subscription.RateLimitWindow)
            {
                continue;
            }

            await EnqueueSummaryAsync(subscription, start, suppressed, AlertJson.DeserializeCounts(entity.GetString("Counts")), cancellationToken).ConfigureAwait(false);
            entity["Suppressed"] = 0;
            entity["Counts"] = AlertJson.SerializeCounts(new ThrottleCounts());
            try
            {
                await tables.Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                flushed++;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // A publisher rolled the window meanwhile; it enqueued the same summary (same id).
            }
        }

        return flushed;
    }

    private static string RateReason(AlertSubscription subscription) =>
        string.Create(CultureInfo.InvariantCulture, $"rate limit ({subscription.RateLimitCount} per {Describe(subscription.RateLimitWindow)})");

    internal string ServerCapReason() =>
        string.Create(CultureInfo.InvariantCulture, $"high-risk cap per server ({tables.Options.HighRiskPerServerCount} per {Describe(tables.Options.HighRiskPerServerWindow)})");

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} h")
        : span.TotalMinutes >= 1 && span.TotalMinutes == Math.Floor(span.TotalMinutes) ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");

    private Task EnqueueSummaryAsync(AlertSubscription subscription, DateTimeOffset start, int suppressed, ThrottleCounts counts, CancellationToken cancellationToken)
    {
        var end = start + subscription.RateLimitWindow;
        var alert = ThrottleSummaryAlert.Build(subscription.Name, start, end, suppressed, counts);
        // Keys derive from the window, so the publisher and the worker enqueueing the same summary write the same rows.
        return outbox.WriteAsync(alert, end, AlertTables.LogPartition(end), AlertTables.LogRow(end, alert.Id), [subscription.Name], [], cancellationToken);
    }

    private static AlertPublishResult? ReadCompleted(TableEntity entity)
    {
        if (!Enum.TryParse<AlertPublishOutcome>(entity.GetString("Outcome"), out var outcome))
        {
            return null;
        }

        static string[] Split(string? csv) => string.IsNullOrEmpty(csv) ? [] : csv.Split(',');
        return new AlertPublishResult(outcome, Split(entity.GetString("Enqueued")), Split(entity.GetString("Suppressed")));
    }
}
