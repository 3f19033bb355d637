using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// The fleet's simulated agents, live: on the (accelerated) clock, every <see cref="FleetOptions.SamplingInterval"/>
/// of simulated time each server takes a sample, and every <see cref="FleetOptions.SendInterval"/> each agent sends
/// the samples it holds as one batch (several requests over 1 MB), like the real agent. A batch that fails stays with
/// its agent and goes out first next time (the real agent's spool), so nothing is lost while the hub or app is down.
/// When the loop falls behind the clock it catches up sample by sample; it never skips one.
/// </summary>
public sealed class FleetAgents
{
    /// <summary>At most this many events per batch (the agent's <c>MaxBatchEvents</c> default).</summary>
    public const int MaxBatchEvents = 500;

    private readonly FleetSimulator _fleet;
    private readonly ICapacitySource _capacity;
    private readonly IMetricEventSender _sender;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Dictionary<string, List<MetricEvent>> _pending = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _produced;
    private long _sent;
    private long _failedSends;

    public FleetAgents(FleetSimulator fleet, ICapacitySource capacity, IMetricEventSender sender, TimeProvider clock, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(clock);
        _fleet = fleet;
        _capacity = capacity;
        _sender = sender;
        _clock = clock;
        _logger = logger ?? NullLogger.Instance;
        foreach (var id in fleet.ServerIds)
        {
            _pending[id] = [];
        }
    }

    /// <summary>Concurrent sends (one per agent). Default 8.</summary>
    public int MaxParallelSends { get; init; } = 8;

    public long EventsProduced => Interlocked.Read(ref _produced);

    public long EventsSent => Interlocked.Read(ref _sent);

    public long FailedSends => Interlocked.Read(ref _failedSends);

    public long EventsPending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Values.Sum(p => (long)p.Count);
            }
        }
    }

    /// <summary>Samples and sends until cancelled, then sends what is pending once more (best effort).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var interval = _fleet.Options.SendInterval;
        var nextSend = _fleet.NextSampleTime + interval;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await CatchUpAsync(_clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                var now = _clock.GetUtcNow();
                if (now >= nextSend)
                {
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                    while (nextSend <= now)
                    {
                        nextSend += interval;
                    }
                }

                var next = _fleet.NextSampleTime < nextSend ? _fleet.NextSampleTime : nextSend;
                var wait = next - _clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await FlushAsync(last.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Takes every sample due up to <paramref name="until"/> (simulated).</summary>
    public async Task CatchUpAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (_fleet.NextSampleTime <= until)
        {
            var events = await _fleet.StepAsync(_capacity, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                foreach (var e in events)
                {
                    _pending[e.ServerId].Add(e);
                }
            }

            Interlocked.Add(ref _produced, events.Count);
        }
    }

    /// <summary>Sends every agent's pending events (up to <see cref="MaxBatchEvents"/> per agent and call).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        List<(string Server, MetricEvent[] Batch)> work;
        lock (_gate)
        {
            work = [.. _pending.Where(p => p.Value.Count > 0).Select(p => (p.Key, p.Value.Take(MaxBatchEvents).ToArray()))];
        }

        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelSends, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            var result = await _sender.SendAsync(item.Batch, ct).ConfigureAwait(false);
            if (result.Sent)
            {
                lock (_gate)
                {
                    _pending[item.Server].RemoveRange(0, item.Batch.Length);
                }

                Interlocked.Add(ref _sent, item.Batch.Length);
            }
            else
            {
                Interlocked.Increment(ref _failedSends);
                Logs.AgentSendFailed(_logger, item.Server, item.Batch.Length, result.Status ?? 0, result.Error ?? "unknown");
            }
        }).ConfigureAwait(false);
    }
}
