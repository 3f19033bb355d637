using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Collecting;
using PredictiveMigration.Agent.Configuration;
using PredictiveMigration.Agent.Sending;

namespace PredictiveMigration.Agent.Hosting;

/// <summary>
/// The agent's two loops: sample every <see cref="AgentOptions.SampleInterval"/> into the buffer, and send every
/// <see cref="AgentOptions.SendInterval"/> or as soon as a full batch is waiting. Stopping flushes the buffer once.
/// </summary>
public sealed class ProfilerWorker : BackgroundService
{
    private readonly EventCollector _collector;
    private readonly MetricBuffer _buffer;
    private readonly BatchSender _sender;
    private readonly IMetricSink _sink;
    private readonly AgentCounters _counters;
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ProfilerWorker> _logger;

    public ProfilerWorker(
        EventCollector collector,
        MetricBuffer buffer,
        BatchSender sender,
        IMetricSink sink,
        AgentCounters counters,
        IOptions<AgentOptions> options,
        TimeProvider time,
        ILogger<ProfilerWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _collector = collector;
        _buffer = buffer;
        _sender = sender;
        _sink = sink;
        _counters = counters;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await _sender.FlushOnShutdownAsync(cancellationToken).ConfigureAwait(false);
        _logger.AgentStopped(_counters.EventsCollected, _counters.EventsSent, _counters.EventsRefused, _counters.EventsSpooled, _counters.EventsDroppedFromSpool);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.AgentStarted(AgentInfo.Version, _options.ServerId, _sink.Destination, _options.SpoolDirectory, _options.SampleInterval, _options.SendInterval);
        await Task.WhenAll(SampleLoopAsync(stoppingToken), SendLoopAsync(stoppingToken)).ConfigureAwait(false);
    }

    private async Task SampleLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SampleInterval, _time);
        do
        {
            try
            {
                var metricEvent = await _collector.CollectAsync(stoppingToken).ConfigureAwait(false);
                if (metricEvent is not null)
                {
                    _buffer.Add(metricEvent);
                    _counters.AddCollected(1);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // One bad sample must not stop the agent.
                _logger.SampleFailed(ex);
            }
        }
        while (await NextTickAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        var failed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                // After an unexpected failure wait the full interval, even with a full buffer: no hot loop.
                var interval = Task.Delay(_options.SendInterval, _time, wait.Token);
                Task[] waits = failed ? [interval] : [interval, _buffer.WhenFull];
                await Task.WhenAny(waits).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
            }

            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await _sender.SendPendingAsync(stoppingToken).ConfigureAwait(false);
                failed = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failed = true;
                _logger.SendRoundFailed(ex);
            }
        }
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
