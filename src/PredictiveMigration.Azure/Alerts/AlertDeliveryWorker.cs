using System.Globalization;
using System.Net.Http.Headers;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>
/// Delivers the outbox. One <see cref="RunOnceAsync"/> pass: enqueue due throttle summaries, take the deliveries that
/// are due, claim each (an ETag update that counts the attempt and hides the row for a lease, so another instance
/// does not send it at the same time), send them in parallel with a per-request timeout, then record the outcome:
/// delivered; retry later (exponential backoff with jitter, or the receiver's Retry-After on 429/503); or dead-letter
/// (attempt limit reached, or a 4xx that retrying cannot fix). Delivery is at least once: a crash after sending but
/// before recording sends again, with the same <c>Idempotency-Key</c>.
/// </summary>
public sealed class AlertDeliveryWorker
{
    /// <summary>The named <see cref="HttpClient"/> used for webhooks.</summary>
    public const string HttpClientName = "PredictiveMigration.Alerts";

    /// <summary>Added to the request timeout to make the claim lease, so a slow attempt is never sent twice at once.</summary>
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);

    private readonly AlertTables _tables;
    private readonly AlertAdmission _admission;
    private readonly AlertOutbox _outbox;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertDeliveryWorker> _logger;

    public AlertDeliveryWorker(AlertTables tables, IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<AlertDeliveryWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables;
        _outbox = new AlertOutbox(tables);
        _admission = new AlertAdmission(tables, _outbox);
        _httpClientFactory = httpClientFactory;
        _time = time;
        _logger = logger;
    }

    private enum Result
    {
        Skipped,
        Delivered,
        Retrying,
        DeadLettered,
    }

    /// <summary>One pass over the due deliveries (at most <see cref="AlertOptions.BatchSize"/>). Safe to call from a timer
    /// and from several instances at once.</summary>
    public async Task<AlertDeliveryPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var summaries = await _admission.FlushSummariesAsync(now, cancellationToken).ConfigureAwait(false);

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AlertTables.PendingPartition} and NextAttemptAt le {now}");
        var due = new List<TableEntity>();
        await foreach (var entity in _tables.Table.QueryAsync<TableEntity>(filter, maxPerPage: _tables.Options.BatchSize, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            due.Add(entity);
            if (due.Count >= _tables.Options.BatchSize)
            {
                break;
            }
        }

        using var gate = new SemaphoreSlim(_tables.Options.MaxParallelDeliveries);
        var results = await Task.WhenAll(due.Select(async entity =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await DeliverAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        return new AlertDeliveryPass(
            results.Count(r => r != Result.Skipped),
            results.Count(r => r == Result.Delivered),
            results.Count(r => r == Result.Retrying),
            results.Count(r => r == Result.DeadLettered),
            summaries);
    }

    private async Task<Result> DeliverAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        var attempts = (entity.GetInt32("Attempts") ?? 0) + 1;
        var subscriptionName = entity.GetString("Subscription") ?? string.Empty;
        _tables.Subscriptions.TryGetValue(subscriptionName, out var subscription);
        var now = _time.GetUtcNow();

        // Claim: count the attempt and hide the row until the lease ends.
        entity["Attempts"] = attempts;
        entity["NextAttemptAt"] = now + (subscription?.RequestTimeout ?? _tables.Options.RequestTimeout) + LeaseMargin;
        try
        {
            var claimed = await _tables.Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            entity.ETag = claimed.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return Result.Skipped; // another instance claimed or finished it
        }

        var alert = AlertJson.Deserialize(entity.GetString("Alert")!);
        var deliveryId = entity.RowKey;
        if (subscription is null)
        {
            await DeadLetterAsync(entity, alert, attempts, $"subscription '{subscriptionName}' is no longer configured (or is disabled)", null, cancellationToken).ConfigureAwait(false);
            return Result.DeadLettered;
        }

        var attempt = await SendAsync(subscription, alert, deliveryId, attempts, cancellationToken).ConfigureAwait(false);
        now = _time.GetUtcNow();
        if (attempt.Delivered)
        {
            await _outbox.WriteStatusAsync(entity, AlertDeliveryState.Delivered, attempts, now, null, null, cancellationToken).ConfigureAwait(false);
            await DeleteAsync(entity, cancellationToken).ConfigureAwait(false);
            AlertMetrics.Delivered.Add(1);
            _logger.AlertDelivered(alert.Id, subscription.Name, subscription.SafeUrl, attempts);
            return Result.Delivered;
        }

        if (!attempt.Retryable)
        {
            await DeadLetterAsync(entity, alert, attempts, $"{attempt.Error}: not retried, the receiver refused the request", attempt.StatusCode, cancellationToken).ConfigureAwait(false);
            return Result.DeadLettered;
        }

        if (attempts >= _tables.Options.MaxAttempts)
        {
            await DeadLetterAsync(entity, alert, attempts, $"gave up after {attempts} attempt(s); last: {attempt.Error}", attempt.StatusCode, cancellationToken).ConfigureAwait(false);
            return Result.DeadLettered;
        }

        var next = now + (attempt.RetryAfter is { } retryAfter
            ? (retryAfter < _tables.Options.MaxRetryAfter ? retryAfter : _tables.Options.MaxRetryAfter)
            : Backoff(attempts));
        entity["NextAttemptAt"] = next;
        entity["LastError"] = attempt.Error;
        entity["LastStatusCode"] = attempt.StatusCode;
        try
        {
            await _tables.Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return Result.Skipped; // our lease ran out and another instance took over
        }

        await _outbox.WriteStatusAsync(entity, AlertDeliveryState.Pending, attempts, now, next, attempt.Error, cancellationToken).ConfigureAwait(false);
        AlertMetrics.FailedAttempts.Add(1);
        _logger.AlertRetrying(alert.Id, subscription.Name, subscription.SafeUrl, attempts, attempt.Error ?? string.Empty, next);
        return Result.Retrying;
    }

    /// <summary>min(MaxRetryDelay, BaseRetryDelay × 2^(attempts−1)) × a random factor in [0.5, 1).</summary>
    internal TimeSpan Backoff(int attempts)
    {
        var options = _tables.Options;
        var exponential = Math.Min(options.MaxRetryDelay.TotalSeconds, options.BaseRetryDelay.TotalSeconds * Math.Pow(2, Math.Min(attempts - 1, 30)));
        return TimeSpan.FromSeconds(exponential * (0.5 + (0.5 * Random.Shared.NextDouble())));
    }

    private async Task<DeliveryAttempt> SendAsync(AlertSubscription subscription, Alert alert, string deliveryId, int attempt, CancellationToken cancellationToken)
    {
        var body = subscription.Format switch
        {
            AlertFormat.Teams => TeamsAlertPayload.Render(alert),
            AlertFormat.Slack => SlackAlertPayload.Render(alert),
            _ => GenericAlertPayload.Render(alert),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("Idempotency-Key", deliveryId);
        request.Headers.Add("X-PM-Alert-Id", alert.Id);
        request.Headers.Add("X-PM-Alert-Kind", alert.Kind.ToString());
        request.Headers.Add("X-PM-Delivery-Attempt", attempt.ToString(CultureInfo.InvariantCulture));
        if (subscription.Secret is { } secret)
        {
            var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add(AlertSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(AlertSignature.SignatureHeader, AlertSignature.Compute(secret, timestamp, body));
        }

        using var timeout = new CancellationTokenSource(subscription.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var client = _httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryAttempt(true, false, status, null, null);
            }

            var retryAfter = status is 429 or 503 ? ReadRetryAfter(response) : null;
            var error = string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}").TrimEnd()
                + (retryAfter is { } wait ? string.Create(CultureInfo.InvariantCulture, $" (Retry-After {wait.TotalSeconds:0} s)") : string.Empty);
            return new DeliveryAttempt(false, status is 408 or 429 or >= 500, status, error, retryAfter);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(false, true, null, string.Create(CultureInfo.InvariantCulture, $"no answer within {subscription.RequestTimeout.TotalSeconds:0.###} s"), null);
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryAttempt(false, true, null, "request failed: " + ex.Message, null);
        }
    }

    private TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : null);
        return wait is { } w ? (w < TimeSpan.Zero ? TimeSpan.Zero : w) : null;
    }

    private async Task DeadLetterAsync(TableEntity entity, Alert alert, int attempts, string reason, int? statusCode, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var subscription = entity.GetString("Subscription") ?? string.Empty;
        await _tables.Table.UpsertEntityAsync(
            new TableEntity(AlertTables.DeadPartition, AlertTables.DeadRow(now, entity.RowKey))
            {
                ["DeliveryId"] = entity.RowKey,
                ["Subscription"] = subscription,
                ["Alert"] = entity.GetString("Alert"),
                ["Attempts"] = attempts,
                ["DeadLetteredAt"] = now,
                ["Reason"] = reason,
                ["LastStatusCode"] = statusCode,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
        await _outbox.WriteStatusAsync(entity, AlertDeliveryState.DeadLettered, attempts, now, null, reason, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(entity, cancellationToken).ConfigureAwait(false);
        AlertMetrics.DeadLettered.Add(1);
        _logger.AlertDeadLettered(alert.Id, subscription, attempts, reason);
    }

    private async Task DeleteAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await _tables.Table.DeleteEntityAsync(entity, entity.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already gone, or re-claimed after our lease ran out: the other instance owns it now.
        }
    }
}
