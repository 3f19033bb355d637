using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PredictiveMigration.Azure.Tests.Replication;

/// <summary>
/// A per-call pipeline policy that records every request and may answer one itself (a recorded response) or fail
/// it (a fault) before it reaches the storage emulator.
/// </summary>
internal sealed class RecordingPolicy : HttpPipelinePolicy
{
    private readonly Lock _gate = new();

    public List<(string Method, Uri Uri, string? Range, int Status, bool Clear)> Requests { get; } = [];

    /// <summary>Return a response to answer the request here instead of sending it.</summary>
    public Func<HttpMessage, Response?>? Answer { get; set; }

    /// <summary>Throw to fail the request (before it is sent).</summary>
    public Action<HttpMessage>? Fault { get; set; }

    public List<(long Offset, long Length)> PagesUploaded()
    {
        lock (_gate)
        {
            return [.. Requests
                .Where(r => r.Method == "PUT" && r.Uri.Query.Contains("comp=page", StringComparison.Ordinal) && r.Range is not null && r.Status == 201 && !r.Clear)
                .Select(r => ParseRange(r.Range!))];
        }
    }

    public static (long Offset, long Length) ParseRange(string header)
    {
        var span = header["bytes=".Length..].Split('-');
        var start = long.Parse(span[0], System.Globalization.CultureInfo.InvariantCulture);
        var end = long.Parse(span[1], System.Globalization.CultureInfo.InvariantCulture);
        return (start, end - start + 1);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Fault?.Invoke(message);
        if (Answer?.Invoke(message) is { } answer)
        {
            message.Response = answer;
        }
        else
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }

        message.Request.Headers.TryGetValue("x-ms-range", out var range);
        if (range is null)
        {
            message.Request.Headers.TryGetValue("Range", out range);
        }

        var clear = message.Request.Headers.TryGetValue("x-ms-page-write", out var write) && string.Equals(write, "clear", StringComparison.OrdinalIgnoreCase);
        lock (_gate)
        {
            Requests.Add((message.Request.Method.ToString(), message.Request.Uri.ToUri(), range, message.Response.Status, clear));
        }
    }
}
