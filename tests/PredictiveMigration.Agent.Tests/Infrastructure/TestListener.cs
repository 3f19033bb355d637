using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Agent.Tests.Infrastructure;

/// <summary>
/// A real HTTP ingestion endpoint on 127.0.0.1 (Kestrel, port 0) that answers like ours: 200 with
/// accepted/duplicates/rejected. It can fail the first N requests with 503, be "down" (503), or answer 413 above a size.
/// </summary>
public sealed class TestListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<long> _received = new();
    private readonly ConcurrentDictionary<long, int> _seen = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _failuresLeft;
    private int _failedRequests;
    private volatile bool _down;

    private TestListener(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The ingestion URL, <c>http://127.0.0.1:{port}/api/metrics</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every sequence number received in a 200 answer, duplicates included, in arrival order.</summary>
    public IReadOnlyCollection<long> Received => _received;

    public IReadOnlyCollection<RecordedRequest> Requests => _requests;

    /// <summary>The distinct sequence numbers received.</summary>
    public IReadOnlySet<long> Distinct => _seen.Keys.ToHashSet();

    /// <summary>How many sequence numbers arrived more than once (allowed by the protocol).</summary>
    public int Duplicates => _received.Count - _seen.Count;

    public int FailedRequests => Volatile.Read(ref _failedRequests);

    /// <summary>While true, every request gets 503.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>When set, requests with more events than this get 413.</summary>
    public int? MaxEventsPerRequest { get; set; }

    /// <summary>When set, sent as Retry-After (seconds) with each 503.</summary>
    public int? RetryAfterSeconds { get; set; }

    public static async Task<TestListener> StartAsync(int failFirst, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var listener = new TestListener(app) { _failuresLeft = failFirst };
        app.MapPost("/api/metrics", listener.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        listener.Url = new Uri(new Uri(address), "/api/metrics");
        return listener;
    }

    /// <summary>Waits until every one of <paramref name="expected"/> has arrived, or the token fires.</summary>
    public async Task WaitForAsync(IEnumerable<long> expected, CancellationToken cancellationToken)
    {
        var wanted = expected.ToHashSet();
        while (!wanted.IsSubsetOf(_seen.Keys))
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var sequences = new List<long>();
        using (var document = JsonDocument.Parse(body))
        {
            foreach (var element in document.RootElement.EnumerateArray())
            {
                sequences.Add(element.GetProperty("seq").GetInt64());
            }
        }

        _requests.Enqueue(new RecordedRequest(
            context.Request.ContentType,
            context.Request.Headers["x-functions-key"].ToString(),
            sequences));

        if (_down || Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Interlocked.Increment(ref _failedRequests);
            if (RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (MaxEventsPerRequest is { } max && sequences.Count > max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var duplicates = 0;
        foreach (var sequence in sequences)
        {
            _received.Enqueue(sequence);
            if (_seen.AddOrUpdate(sequence, 1, (_, n) => n + 1) > 1)
            {
                duplicates++;
            }
        }

        await context.Response.WriteAsJsonAsync(new { accepted = sequences.Count - duplicates, duplicates, rejected = Array.Empty<object>() }, context.RequestAborted);
    }
}
