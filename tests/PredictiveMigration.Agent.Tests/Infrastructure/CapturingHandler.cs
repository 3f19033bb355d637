using System.Collections.Concurrent;
using System.Net;

namespace PredictiveMigration.Agent.Tests.Infrastructure;

/// <summary>An in-process HTTP handler: records each request (with its body) and answers from a script.</summary>
public sealed class CapturingHandler : HttpMessageHandler
{
    private readonly Func<int, HttpRequestMessage, HttpResponseMessage> _respond;
    private int _count;

    public CapturingHandler(Func<int, HttpRequestMessage, HttpResponseMessage> respond)
    {
        _respond = respond;
    }

    public CapturingHandler(HttpStatusCode status)
        : this((_, _) => new HttpResponseMessage(status))
    {
    }

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Enqueue(new CapturedRequest(
            request.Method,
            request.RequestUri!,
            request.Content?.Headers.ContentType?.ToString(),
            request.Headers.TryGetValues("Authorization", out var auth) ? auth.Single() : null,
            request.Headers.TryGetValues("x-functions-key", out var key) ? key.Single() : null,
            body));
        var index = Interlocked.Increment(ref _count) - 1;
        return _respond(index, request);
    }
}
