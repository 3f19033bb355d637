using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// Plays the Azure Functions host for the app's non-HTTP bindings, on one machine: reads the app's function.json files
/// (generic, like the host), then drives every <c>timerTrigger</c> on the given clock, every <c>eventHubTrigger</c>
/// from an <see cref="EmulatedEventHub"/> it starts, and the Durable functions through the development backend. HTTP
/// functions are not involved: callers reach the app directly (the host forwards those requests unchanged).
/// <code>
/// await using var host = await LocalTriggerHost.StartAsync(options, clock, loggers, ct);
/// // producers post to host.EventHub.MessagesUri("metrics"); host.Counters shows progress.
/// </code>
/// </summary>
public sealed class LocalTriggerHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly AppInvoker _invoker;
    private readonly Dictionary<string, EventHubTriggerDispatcher> _dispatchers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimerTriggerRunner> _timers = new(StringComparer.Ordinal);
    private DurableBackendHook? _durable;

    private LocalTriggerHost(IReadOnlyList<FunctionMetadata> functions, EmulatedEventHub hub, AppInvoker invoker)
    {
        Functions = functions;
        EventHub = hub;
        _invoker = invoker;
    }

    /// <summary>The functions read from function.json.</summary>
    public IReadOnlyList<FunctionMetadata> Functions { get; }

    /// <summary>The emulated event hub (send metrics to <see cref="EmulatedEventHub.MessagesUri"/>).</summary>
    public EmulatedEventHub EventHub { get; }

    public TriggerHostCounters Counters { get; } = new();

    /// <summary>Timer functions and their resolved schedules.</summary>
    public IReadOnlyDictionary<string, string> TimerSchedules => _timers.ToDictionary(t => t.Key, t => t.Value.Schedule);

    /// <summary>Event Hubs trigger functions and the hub each reads.</summary>
    public IReadOnlyDictionary<string, string> EventHubTriggers => _dispatchers.ToDictionary(d => d.Key, d => d.Value.HubName);

    /// <summary>Whether the development durable backend runs.</summary>
    public bool DurableBackendRunning => _durable is not null;

    /// <summary>The last checkpointed sequence number of a function's partition (-1: none yet).</summary>
    public long Checkpoint(string functionName, string partitionId) => _dispatchers[functionName].Checkpoint(partitionId);

    public static async Task<LocalTriggerHost> StartAsync(TriggerHostOptions options, TimeProvider clock, ILoggerFactory? loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        loggers ??= NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger("PredictiveMigration.Sandbox.TriggerHost");
        var functions = options.AppPath is { } app
            ? await FunctionMetadataLoader.EmitAsync(app, options.FunctionsDirectory!, cancellationToken).ConfigureAwait(false)
            : FunctionMetadataLoader.Load(options.FunctionsDirectory!);
        var settings = new HostSettings(options.Settings);
        var maxBatch = ReadMaxBatchSize(options.HostJsonPath) ?? options.DefaultMaxBatchSize;

        var invoker = new AppInvoker(options.AppBaseUrl!, options.InvocationTimeout, options.OnInvocation);
        var hub = await EmulatedEventHub.StartAsync(options.EventHub, clock, cancellationToken).ConfigureAwait(false);
        var host = new LocalTriggerHost(functions, hub, invoker);
        try
        {
            foreach (var function in functions)
            {
                switch (function.TriggerType)
                {
                    case "timerTrigger":
                        var timer = new TimerTriggerRunner(function, settings, invoker, clock, host.Counters, logger);
                        host._timers[function.Name] = timer;
                        Logs.FunctionBound(logger, function.Name, function.TriggerType, "schedule " + timer.Schedule);
                        break;
                    case "eventHubTrigger":
                        var dispatcher = new EventHubTriggerDispatcher(function, settings, hub, maxBatch, invoker, clock, host.Counters, logger);
                        hub.GetPartitions(dispatcher.HubName);
                        host._dispatchers[function.Name] = dispatcher;
                        Logs.FunctionBound(logger, function.Name, function.TriggerType, $"hub {dispatcher.HubName}, batches of up to {maxBatch}");
                        break;
                    default:
                        Logs.FunctionSkipped(logger, function.Name, function.TriggerType);
                        break;
                }
            }

            if (options.AppReadyTimeout > TimeSpan.Zero)
            {
                await WaitForAppAsync(options.AppBaseUrl!, options.AppReadyTimeout, cancellationToken).ConfigureAwait(false);
            }

            host._durable = await DurableBackendHook.StartIfNeededAsync(functions, options.AppBaseUrl!, options.DurableConnectionString, options.DurableTaskHub, clock, loggers, cancellationToken, options.DurablePollInterval)
                .ConfigureAwait(false);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        foreach (var (name, timer) in host._timers)
        {
            host._loops.Add(host.Guard(name, timer.RunAsync, logger));
        }

        foreach (var (name, dispatcher) in host._dispatchers)
        {
            host._loops.Add(host.Guard(name, dispatcher.RunAsync, logger));
        }

        return host;
    }

    private Task Guard(string function, Func<CancellationToken, Task> loop, ILogger logger) => Task.Run(async () =>
    {
        try
        {
            await loop(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Logs.TriggerStopped(logger, ex, function);
            throw;
        }
    });

    /// <summary><c>extensions.eventHubs.maxEventBatchSize</c> (or the older <c>eventProcessorOptions.maxBatchSize</c>) from host.json.</summary>
    public static int? ReadMaxBatchSize(string? hostJsonPath)
    {
        if (hostJsonPath is null || !File.Exists(hostJsonPath))
        {
            return null;
        }

        var hubs = JsonNode.Parse(File.ReadAllText(hostJsonPath))?["extensions"]?["eventHubs"];
        var value = hubs?["maxEventBatchSize"] ?? hubs?["eventProcessorOptions"]?["maxBatchSize"];
        return value is JsonValue v && v.TryGetValue<int>(out var n) && n > 0 ? n : null;
    }

    /// <summary>Polls <c>GET /</c> until the app answers anything (the host's readiness rule, PROTOCOL.md §1.5).</summary>
    public static async Task WaitForAppAsync(Uri appBaseUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(appBaseUrl, deadline.Token).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the app at {appBaseUrl} did not answer GET / within {timeout}");
            }

            try
            {
                await Task.Delay(25, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the app at {appBaseUrl} did not answer GET / within {timeout}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Already logged by Guard.
        }
        catch (OperationCanceledException)
        {
        }

        if (_durable is not null)
        {
            await _durable.DisposeAsync().ConfigureAwait(false);
        }

        await EventHub.DisposeAsync().ConfigureAwait(false);
        _invoker.Dispose();
        _stop.Dispose();
    }
}
