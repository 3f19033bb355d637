using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// A real HTTP workload on 127.0.0.1 standing for a source or target server behind <see cref="SandboxTrafficProxy"/>.
/// Every path answers 200 with the backend's name (header <c>X-Backend</c>) after the configured latency, except the
/// fraction it is told to fail. Admin: <c>GET /admin/stats</c>, <c>PUT /admin/behaviour</c>
/// (<c>{"latencyMs":20,"failureRate":0.2,"failureKind":"Status500"}</c>), <c>POST /admin/drain</c>. Draining stops the
/// listener (new connections are refused) and lets requests in flight finish (up to <see cref="SandboxBackendOptions.DrainTimeout"/>).
/// </summary>
public sealed class SandboxBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _drainGate = new();
    private BackendBehaviour _behaviour;
    private Task? _drain;
    private long _sequence;
    private long _served;
    private long _failed;
    private long _inFlight;
    private long _completedWhileDraining;
    private volatile string _state = "Running";

    private SandboxBackend(WebApplication app, SandboxBackendOptions options, TimeProvider time)
    {
        _app = app;
        _time = time;
        _behaviour = options.Behaviour;
        _logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<SandboxBackend>();
        Name = options.Name;
        app.MapGet("/admin/stats", context => Results.Json(Stats).ExecuteAsync(context));
        app.MapPut("/admin/behaviour", PutBehaviourAsync);
        app.MapPost("/admin/drain", context =>
        {
            _ = DrainAsync(CancellationToken.None);
            return Results.Accepted().ExecuteAsync(context);
        });
        app.MapFallback(ServeAsync);
    }

    public string Name { get; }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:51234/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public BackendBehaviour Behaviour => Volatile.Read(ref _behaviour);

    public BackendStatsDocument Stats
    {
        get
        {
            var b = Behaviour;
            return new BackendStatsDocument(Name, _state, Interlocked.Read(ref _served), Interlocked.Read(ref _failed), Interlocked.Read(ref _inFlight), Interlocked.Read(ref _completedWhileDraining), b.Latency.TotalMilliseconds, b.FailureRate, b.FailureKind);
        }
    }

    public static async Task<SandboxBackend> StartAsync(SandboxBackendOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.DrainTimeout);
        var backend = new SandboxBackend(builder.Build(), options, time);
        await backend._app.StartAsync(cancellationToken).ConfigureAwait(false);
        backend.Endpoint = new Uri(backend._app.Urls.First());
        return backend;
    }

    /// <summary>Changes latency and failures for the next requests.</summary>
    public void SetBehaviour(BackendBehaviour behaviour)
    {
        ArgumentNullException.ThrowIfNull(behaviour);
        behaviour.Validate();
        Volatile.Write(ref _behaviour, behaviour);
    }

    /// <summary>
    /// Stops accepting new connections and completes when the requests in flight have finished (or the drain timeout
    /// cut them off). Calling it again returns the same drain.
    /// </summary>
    public Task DrainAsync(CancellationToken cancellationToken)
    {
        lock (_drainGate)
        {
            _drain ??= DrainCoreAsync();
        }

        return _drain.WaitAsync(cancellationToken);
    }

    private async Task DrainCoreAsync()
    {
        _state = "Draining";
        TrafficLogs.BackendDraining(_logger, Name, Interlocked.Read(ref _inFlight));
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _state = "Stopped";
    }

    private async Task ServeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            var behaviour = Behaviour;
            if (behaviour.Latency > TimeSpan.Zero)
            {
                await Task.Delay(behaviour.Latency, _time, context.RequestAborted).ConfigureAwait(false);
            }

            var n = Interlocked.Increment(ref _sequence);
            context.Response.Headers["X-Backend"] = Name;
            if (Math.Floor((n * behaviour.FailureRate) + 1e-9) > Math.Floor(((n - 1) * behaviour.FailureRate) + 1e-9))
            {
                Interlocked.Increment(ref _failed);
                if (behaviour.FailureKind == BackendFailureKind.Abort)
                {
                    context.Abort();
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync($"{Name} failed on purpose", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(Name, context.RequestAborted).ConfigureAwait(false);
            Interlocked.Increment(ref _served);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            if (_state != "Running")
            {
                Interlocked.Increment(ref _completedWhileDraining);
            }
        }
    }

    private async Task PutBehaviourAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var (behaviour, problem) = ParseBehaviour(buffer.ToArray());
        if (problem is not null)
        {
            await problem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        SetBehaviour(behaviour!);
        await Results.Json(Stats).ExecuteAsync(context).ConfigureAwait(false);
    }

    private static (BackendBehaviour? Behaviour, TrafficProblem? Problem) ParseBehaviour(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return (null, TrafficProblem.BadRequest("InvalidJson", "body", $"the body is not valid JSON: {ex.Message}"));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, TrafficProblem.BadRequest("InvalidJson", "body", "the body must be a JSON object"));
            }

            double latencyMs = 0, failureRate = 0;
            var kind = BackendFailureKind.Status500;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "latencyMs" when property.Value.ValueKind == JsonValueKind.Number && property.Value.GetDouble() is >= 0 and <= BackendBehaviour.MaxLatencyMs:
                        latencyMs = property.Value.GetDouble();
                        break;
                    case "latencyMs":
                        return (null, TrafficProblem.BadRequest("InvalidLatency", "latencyMs", $"latencyMs must be a number 0-{BackendBehaviour.MaxLatencyMs}"));
                    case "failureRate" when property.Value.ValueKind == JsonValueKind.Number && property.Value.GetDouble() is >= 0 and <= 1:
                        failureRate = property.Value.GetDouble();
                        break;
                    case "failureRate":
                        return (null, TrafficProblem.BadRequest("InvalidFailureRate", "failureRate", "failureRate must be a number 0-1"));
                    case "failureKind" when property.Value.ValueKind == JsonValueKind.String && Enum.TryParse<BackendFailureKind>(property.Value.GetString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed):
                        kind = parsed;
                        break;
                    case "failureKind":
                        return (null, TrafficProblem.BadRequest("InvalidFailureKind", "failureKind", "failureKind must be \"Status500\" or \"Abort\""));
                    default:
                        return (null, TrafficProblem.BadRequest("UnknownField", property.Name, $"unknown field '{property.Name}'; expected latencyMs, failureRate, failureKind"));
                }
            }

            return (new BackendBehaviour(TimeSpan.FromMilliseconds(latencyMs), failureRate, kind), null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DrainAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
