using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Sandbox.Tests.TriggerHost;

/// <summary>
/// A real small HTTP listener standing for the Functions app: records every invocation (path, headers, body) and
/// answers with what <see cref="Respond"/> says (default 200 with an empty custom-handler response).
/// </summary>
internal sealed class RecordingApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _inFlight;
    private int _maxInFlight;

    private RecordingApp(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<Invocation> Invocations { get; } = new();

    /// <summary>Decides the status of invocation number n (1-based) and may delay it.</summary>
    public Func<int, Task<int>> Respond { get; set; } = _ => Task.FromResult(200);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public Uri BaseUrl => new(_app.Urls.First());

    public static async Task<RecordingApp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var recorder = new RecordingApp(app);
        app.MapGet("/", () => Results.Ok());
        app.MapPost("/{function}", recorder.HandleAsync);
        await app.StartAsync();
        return recorder;
    }

    private async Task HandleAsync(HttpContext context, string function)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while ((max = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }

        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var invocation = new Invocation(function, context.Request.ContentType, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body);
            Invocations.Enqueue(invocation);
            var status = await Respond(Invocations.Count);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"Outputs\":{},\"Logs\":[],\"ReturnValue\":null}");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds (polling), failing after <paramref name="seconds"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 20)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "timed out waiting for " + what);
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record Invocation(string Function, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }
}
