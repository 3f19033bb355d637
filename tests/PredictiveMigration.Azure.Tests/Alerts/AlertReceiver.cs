using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Azure.Tests.Alerts;

/// <summary>
/// A real webhook receiver on 127.0.0.1 (Kestrel, port 0). Each path (<c>/{hook}</c>) records what it receives and
/// answers from a script: a status (with an optional Retry-After), or a hang that never answers; 200 when the script is empty.
/// </summary>
internal sealed class AlertReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Reply>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly ConcurrentDictionary<string, bool> _alwaysHang = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Reply> _always = new(StringComparer.Ordinal);
    private long _sequence;

    private AlertReceiver(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request that reached a handler (hanging ones included), in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<AlertReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new AlertReceiver(app);
        app.MapPost("/{hook}", receiver.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = new Uri(address);
        return receiver;
    }

    public Uri Url(string hook) => new(BaseUrl, "/" + hook);

    public IReadOnlyList<ReceivedRequest> For(string hook) => [.. _received.Where(r => r.Hook == hook)];

    /// <summary>Queues answers for the next requests to <paramref name="hook"/>.</summary>
    public void Script(string hook, params Reply[] replies)
    {
        var queue = _scripts.GetOrAdd(hook, _ => new ConcurrentQueue<Reply>());
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }
    }

    /// <summary>Every request to <paramref name="hook"/> gets this answer (after any scripted ones).</summary>
    public void Always(string hook, Reply reply) => _always[hook] = reply;

    /// <summary>Requests to <paramref name="hook"/> are read and then never answered.</summary>
    public void Hang(string hook) => _alwaysHang[hook] = true;

    public void StopHanging(string hook) => _alwaysHang.TryRemove(hook, out _);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string hook)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new ReceivedRequest(Interlocked.Increment(ref _sequence), hook, context.Request.ContentType, headers, buffer.ToArray()));

        if (_alwaysHang.ContainsKey(hook))
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return;
        }

        var reply = _scripts.TryGetValue(hook, out var queue) && queue.TryDequeue(out var next) ? next
            : _always.TryGetValue(hook, out var always) ? always
            : new Reply(200);
        if (reply.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = reply.RetryAfter;
        }

        context.Response.StatusCode = reply.Status;
    }

    /// <summary>An answer: a status and an optional Retry-After header value.</summary>
    public sealed record Reply(int Status, string? RetryAfter = null);
}
