using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Collecting;
using PredictiveMigration.Agent.Configuration;
using PredictiveMigration.Agent.Spooling;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Sending;

/// <summary>
/// Moves events from memory and the spool to the sink. Each round first resends spooled batches oldest first, then
/// sends the buffer in batches of <see cref="AgentOptions.MaxBatchEvents"/>. After a transient failure the rest of
/// the round goes straight to the spool. 413 splits a batch in halves; other refusals drop it (counted).
/// </summary>
public sealed class BatchSender : IDisposable
{
    /// <summary>The longest Retry-After honoured; a larger one is treated as this.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(10);

    private const int MaxRejectionsLogged = 10;

    private readonly IMetricSink _sink;
    private readonly Spool _spool;
    private readonly MetricBuffer _buffer;
    private readonly AgentCounters _counters;
    private readonly TimeProvider _time;
    private readonly ILogger<BatchSender> _logger;
    private readonly int _maxBatchEvents;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    public BatchSender(
        IMetricSink sink,
        Spool spool,
        MetricBuffer buffer,
        AgentCounters counters,
        IOptions<AgentOptions> options,
        TimeProvider time,
        ILogger<BatchSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sink = sink;
        _spool = spool;
        _buffer = buffer;
        _counters = counters;
        _time = time;
        _logger = logger;
        _maxBatchEvents = Math.Max(1, options.Value.MaxBatchEvents);
    }

    /// <summary>One send round: the spool (oldest first), then everything in memory.</summary>
    public async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var healthy = now >= _notBefore;
            if (!healthy)
            {
                _logger.SendingDeferred(_notBefore);
            }
            else
            {
                healthy = await ResendSpoolAsync(cancellationToken).ConfigureAwait(false);
            }

            while (true)
            {
                var batch = _buffer.Take(_maxBatchEvents);
                if (batch.Count == 0)
                {
                    break;
                }

                if (!healthy || cancellationToken.IsCancellationRequested)
                {
                    await SpoolAsync(batch, CancellationToken.None).ConfigureAwait(false);
                    continue;
                }

                var delivery = await DeliverAsync(batch, cancellationToken).ConfigureAwait(false);
                if (!delivery.Complete)
                {
                    healthy = false;
                    await SpoolAsync(delivery.Unsent, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// At shutdown: tries once to send what is in memory and spools whatever was not sent, so a restarted agent
    /// (on the same spool directory) sends it.
    /// </summary>
    public async Task FlushOnShutdownAsync(CancellationToken cancellationToken)
    {
        var pending = _buffer.Take(int.MaxValue);
        if (pending.Count == 0)
        {
            return;
        }

        var entered = false;
        try
        {
            try
            {
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                entered = true;
            }
            catch (OperationCanceledException)
            {
                // Out of time: straight to the spool.
            }

            var sent = 0;
            var unsent = new List<MetricEvent>();
            var healthy = entered;
            foreach (var batch in pending.Chunk(_maxBatchEvents))
            {
                if (!healthy || cancellationToken.IsCancellationRequested)
                {
                    unsent.AddRange(batch);
                    continue;
                }

                var delivery = await DeliverAsync(batch, cancellationToken).ConfigureAwait(false);
                sent += delivery.Sent;
                unsent.AddRange(delivery.Unsent);
                healthy = delivery.Complete;
            }

            foreach (var batch in unsent.Chunk(_maxBatchEvents))
            {
                await SpoolAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }

            _logger.ShutdownFlushed(pending.Count, sent, unsent.Count);
        }
        finally
        {
            if (entered)
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Resends the spool oldest first; false when a batch could not be sent (the rest waits for the next round).</summary>
    internal async Task<bool> ResendSpoolAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SpoolEntry> entries;
        try
        {
            entries = _spool.List();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable spool must not block new data: send it, and try the spool again next round.
            _logger.SpoolListFailed(_spool.DirectoryPath, ex);
            return true;
        }

        if (entries.Count == 0)
        {
            return true;
        }

        var files = 0;
        var events = 0;
        foreach (var entry in entries)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            var batch = await _spool.ReadAsync(entry, cancellationToken).ConfigureAwait(false);
            if (batch is null)
            {
                continue;
            }

            var delivery = await DeliverAsync(batch, cancellationToken).ConfigureAwait(false);
            if (delivery.Complete)
            {
                _spool.Delete(entry);
                files++;
                events += delivery.Sent;
                continue;
            }

            if (delivery.Unsent.Count < batch.Count)
            {
                // Part of it got through (a split batch): keep only the rest. Written even while stopping, so nothing is resent twice needlessly.
                try
                {
                    await _spool.ReplaceAsync(entry, delivery.Unsent, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The whole file stays: its delivered part will be sent again, which the receiver deduplicates.
                    _logger.SpoolFileReplaceFailed(entry.FileName, ex);
                }
            }

            if (files > 0)
            {
                _logger.SpoolResent(files, events);
            }

            return false;
        }

        if (files > 0)
        {
            _logger.SpoolResent(files, events);
        }

        return true;
    }

    /// <summary>Sends one batch, splitting it on 413, and says what became of each event.</summary>
    internal async Task<Delivery> DeliverAsync(IReadOnlyList<MetricEvent> batch, CancellationToken cancellationToken)
    {
        SendResult result;
        try
        {
            result = await _sink.SendAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A sink reports expected failures as values; anything else is a bug, but the events must not be lost to it.
            _logger.SinkThrew(_sink.Destination, ex);
            result = SendResult.Failed(SendOutcome.Transient, 0, null, ex.GetType().Name + ": " + ex.Message);
        }

        if (result.Outcome == SendOutcome.Sent)
        {
            return Accepted(batch, result);
        }

        // A sink that split the batch may have delivered a leading part before the failure.
        var completed = Math.Clamp(result.Completed, 0, batch.Count);
        _counters.AddSent(completed);
        switch (result.Outcome)
        {
            case SendOutcome.TooLarge when batch.Count - completed > 1:
                return await SplitAsync(batch, completed, cancellationToken).ConfigureAwait(false);

            case SendOutcome.TooLarge:
            case SendOutcome.Refused:
                var refused = batch.Count - completed;
                _counters.AddRefused(refused);
                _logger.BatchRefused(_sink.Destination, refused, result.StatusCode ?? 0, result.Detail);
                return new Delivery(completed, refused, []);

            case SendOutcome.Unauthorized:
                _logger.SinkUnauthorized(_sink.Destination, result.StatusCode ?? 0, result.Detail, batch.Count - completed);
                return new Delivery(completed, 0, [.. batch.Skip(completed)]);

            default:
                if (result.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero)
                {
                    _notBefore = _time.GetUtcNow() + (retryAfter < MaxRetryAfter ? retryAfter : MaxRetryAfter);
                }

                _logger.SendFailedTransient(_sink.Destination, result.StatusCode ?? 0, result.Detail, batch.Count - completed);
                return new Delivery(completed, 0, [.. batch.Skip(completed)]);
        }
    }

    /// <summary>After a 413: sends the first half, then (if that went through) the second; the first <paramref name="completed"/> events were already delivered.</summary>
    private async Task<Delivery> SplitAsync(IReadOnlyList<MetricEvent> batch, int completed, CancellationToken cancellationToken)
    {
        MetricEvent[] rest = [.. batch.Skip(completed)];
        var half = rest.Length / 2;
        _logger.BatchTooLargeSplitting(rest.Length, half, rest.Length - half);
        var first = await DeliverAsync(rest[..half], cancellationToken).ConfigureAwait(false);
        if (!first.Complete)
        {
            return new Delivery(completed + first.Sent, first.Refused, [.. first.Unsent, .. rest[half..]]);
        }

        var second = await DeliverAsync(rest[half..], cancellationToken).ConfigureAwait(false);
        return new Delivery(completed + first.Sent + second.Sent, first.Refused + second.Refused, second.Unsent);
    }

    public void Dispose() => _gate.Dispose();

    private Delivery Accepted(IReadOnlyList<MetricEvent> batch, SendResult result)
    {
        var rejected = result.Rejected.Count(r => r.Index >= 0 && r.Index < batch.Count);
        foreach (var rejection in result.Rejected.Take(MaxRejectionsLogged))
        {
            var sequence = rejection.Index >= 0 && rejection.Index < batch.Count ? batch[rejection.Index].Sequence : -1;
            _logger.EventRejected(sequence, rejection.Reason, rejection.Field, rejection.Message);
        }

        _counters.AddSent(batch.Count - rejected);
        _counters.AddRefused(rejected);
        return new Delivery(batch.Count - rejected, rejected, []);
    }

    /// <remarks>
    /// Callers pass <see cref="CancellationToken.None"/> on purpose: spooling happens precisely when the host is
    /// stopping (its token already cancelled), and the events exist nowhere else.
    /// </remarks>
    private async Task SpoolAsync(IReadOnlyList<MetricEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            await _spool.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _counters.AddDroppedFromSpool(batch.Count);
            _logger.SpoolWriteFailed(_spool.DirectoryPath, batch.Count, ex);
        }
    }
}
