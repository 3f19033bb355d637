using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// The development backend as a hosted service: creates the table and queues, then runs the orchestration and
/// activity dispatchers until the host stops. Several of these (threads or processes) may share one task hub.
/// </summary>
internal sealed class DurableBackendService : BackgroundService
{
    private readonly TaskHubStorage _storage;
    private readonly TimeProvider _time;
    private readonly ILogger<DurableBackendService> _logger;

    public DurableBackendService(TaskHubStorage storage, TimeProvider time, ILogger<DurableBackendService> logger)
    {
        _storage = storage;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DurableBackendOptions options = _storage.Options;
        while (true)
        {
            try
            {
                await _storage.EnsureCreatedAsync(stoppingToken).ConfigureAwait(false);
                break;
            }
            catch (RequestFailedException exception)
            {
                Logs.StorageNotReady(_logger, exception.Message);
            }
            catch (AggregateException exception)
            {
                Logs.StorageNotReady(_logger, exception.Message);
            }

            await Task.Delay(options.PollInterval, TimeProvider.System, stoppingToken).ConfigureAwait(false);
        }

        using var controlWake = new WakeUpSignal();
        using var activityWake = new WakeUpSignal();
        using var invoker = new FunctionInvoker(options);
        var outbox = new OutboxSender(_storage, _time, controlWake, activityWake);
        var orchestrations = new OrchestrationDispatcher(_storage, invoker, outbox, _time, controlWake, _logger);
        var activities = new ActivityDispatcher(_storage, invoker, _time, activityWake, controlWake, _logger);
        Logs.BackendStarted(_logger, options.TaskHubName, options.AppBaseUrl!, options.MaxConcurrentOrchestrations, options.MaxConcurrentActivities);
        await Task.WhenAll(orchestrations.RunAsync(stoppingToken), activities.RunAsync(stoppingToken)).ConfigureAwait(false);
    }
}
