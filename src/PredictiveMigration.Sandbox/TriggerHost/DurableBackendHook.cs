using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PredictiveMigration.Durable.Storage.Backend;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// Starts the development durable backend (PredictiveMigration.Durable.Storage) against the app's routes when the app
/// declares orchestrator, activity or entity functions: it plays the Durable extension, POSTing orchestrator and
/// activity envelopes to <c>{app}/{FunctionName}</c> and keeping history and work in Azure Storage. Timers follow
/// the trigger host's clock; a timer message is looked at again at least every second of real time, so an
/// accelerated clock fires durable timers on time.
/// </summary>
public sealed class DurableBackendHook : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IReadOnlyList<IHostedService> _hosted;

    private DurableBackendHook(ServiceProvider services, IReadOnlyList<IHostedService> hosted, DurableBackendOptions options)
    {
        _services = services;
        _hosted = hosted;
        Options = options;
    }

    public DurableBackendOptions Options { get; }

    /// <summary>Whether the functions need the backend (any orchestrationTrigger, activityTrigger or entityTrigger).</summary>
    public static bool IsNeeded(IEnumerable<FunctionMetadata> functions) => functions.Any(f => f.IsDurable);

    /// <summary>Starts the backend when <see cref="IsNeeded"/>; returns null otherwise.</summary>
    /// <exception cref="InvalidOperationException">Durable functions are declared but no storage connection is given.</exception>
    public static async Task<DurableBackendHook?> StartIfNeededAsync(
        IReadOnlyList<FunctionMetadata> functions, Uri appBaseUrl, string? connectionString, string taskHub, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(functions);
        if (!IsNeeded(functions))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"TriggerHost:DurableConnectionString must be set: the app declares Durable functions ({string.Join(", ", functions.Where(f => f.IsDurable).Select(f => f.Name))}).");
        }

        DurableBackendOptions? used = null;
        var services = new ServiceCollection()
            .AddSingleton(loggers)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton(clock)
            .AddDurableDevelopmentBackend(o =>
            {
                o.ConnectionString = connectionString;
                o.TaskHubName = taskHub;
                o.AppBaseUrl = appBaseUrl;
                o.MaxTimerVisibility = TimeSpan.FromSeconds(1);
                if (pollInterval is { } poll)
                {
                    o.PollInterval = poll;
                }

                used = o;
            })
            .BuildServiceProvider();
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        return new DurableBackendHook(services, hosted, used!);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hosted)
        {
            await service.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
