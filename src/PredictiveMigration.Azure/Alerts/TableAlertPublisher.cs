using Microsoft.Extensions.Logging;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>
/// <see cref="IAlertPublisher"/> over the alerts table: admission (dedup, server cap, rate limit), then the log and
/// outbox rows, then a nudge to the in-process delivery worker. No receiver is contacted here.
/// </summary>
public sealed class TableAlertPublisher : IAlertPublisher
{
    private readonly AlertTables _tables;
    private readonly AlertAdmission _admission;
    private readonly AlertOutbox _outbox;
    private readonly AlertWakeSignal _wake;
    private readonly TimeProvider _time;
    private readonly ILogger<TableAlertPublisher> _logger;

    public TableAlertPublisher(AlertTables tables, AlertWakeSignal wake, TimeProvider time, ILogger<TableAlertPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables;
        _outbox = new AlertOutbox(tables);
        _admission = new AlertAdmission(tables, _outbox);
        _wake = wake;
        _time = time;
        _logger = logger;
    }

    public async Task<AlertPublishResult> PublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        alert.Validate();
        await _tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();

        var dedup = await _admission.DedupAsync(alert, now, cancellationToken).ConfigureAwait(false);
        if (dedup.IsDuplicate)
        {
            AlertMetrics.Duplicates.Add(1);
            _logger.AlertDuplicate(alert.Id, alert.DedupKey);
            return new AlertPublishResult(AlertPublishOutcome.Duplicate, [], []);
        }

        if (dedup.Completed is { } earlier)
        {
            // The same alert again (a retried activity): it was fully published the first time.
            return earlier;
        }

        var wanted = _tables.Subscriptions.Values.Where(s => s.Wants(alert)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        string? capReason = null;
        if (wanted.Count > 0 && alert.Kind == AlertKind.HighRisk
            && !await _admission.TakeServerCapAsync(alert.ServerId!, now, cancellationToken).ConfigureAwait(false))
        {
            capReason = _admission.ServerCapReason();
        }

        var enqueued = new List<string>();
        var suppressed = new List<(string Subscription, string Reason)>();
        foreach (var subscription in wanted)
        {
            var reason = await _admission.TakeRateAsync(subscription, alert, capReason, now, cancellationToken).ConfigureAwait(false);
            if (reason is null)
            {
                enqueued.Add(subscription.Name);
            }
            else
            {
                suppressed.Add((subscription.Name, reason));
            }
        }

        var publishedAt = dedup.PublishedAt;
        await _outbox.WriteAsync(alert, publishedAt, AlertTables.LogPartition(publishedAt), AlertTables.LogRow(publishedAt, alert.Id), enqueued, suppressed, cancellationToken).ConfigureAwait(false);
        var outcome = wanted.Count == 0 ? AlertPublishOutcome.NoSubscriber
            : enqueued.Count == 0 ? AlertPublishOutcome.Suppressed
            : AlertPublishOutcome.Enqueued;
        var result = new AlertPublishResult(outcome, enqueued, [.. suppressed.Select(s => s.Subscription)]);
        await _admission.CompleteAsync(alert, result, cancellationToken).ConfigureAwait(false);

        AlertMetrics.Published.Add(1);
        if (suppressed.Count > 0)
        {
            AlertMetrics.Suppressed.Add(suppressed.Count);
            _logger.AlertSuppressed(alert.Id, suppressed.Count, suppressed[0].Reason);
        }

        if (enqueued.Count > 0)
        {
            _wake.Pulse();
        }

        return result;
    }
}
