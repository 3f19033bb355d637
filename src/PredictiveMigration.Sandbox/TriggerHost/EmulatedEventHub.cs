using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// An event hub on a loopback port speaking the Event Hubs REST send API, so producers (the simulated agents, the
/// real agent's REST sink shape) send to it as to the service:
/// <list type="bullet">
/// <item><c>POST /{hub}/messages</c> with <c>Content-Type: application/vnd.microsoft.servicebus.json</c>: a batch,
/// a JSON array of <c>{"Body":"…","BrokerProperties":{"PartitionKey":"…"},"UserProperties":{…}}</c>;</item>
/// <item>any other content type: one message whose body is the request body (partition key from the
/// <c>BrokerProperties</c> header);</item>
/// <item><c>POST /{hub}/partitions/{id}/messages</c> and <c>/{hub}/publishers/{name}/messages</c> pin the partition
/// or use the publisher as partition key.</item>
/// </list>
/// It answers 201 like the service; 401 without a <c>SharedAccessSignature</c> or <c>Bearer</c> authorization (SAS
/// signatures are verified when a key is configured); 400 naming the item and field of a malformed batch; 404 for an
/// unknown hub (when hubs are listed); 413 at 1 MiB and more. Events keep their partition (a stable hash of the
/// partition key, round-robin without one), sequence number, offset and enqueued time (from the hub's clock).
/// Events are kept in memory for the life of the process.
/// </summary>
public sealed class EmulatedEventHub : IAsyncDisposable
{
    /// <summary>The content type of a batch of messages.</summary>
    public const string BatchContentType = "application/vnd.microsoft.servicebus.json";

    /// <summary>Requests of this size and above are refused (413).</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    private readonly ConcurrentDictionary<string, EventHubPartition[]> _hubs = new(StringComparer.OrdinalIgnoreCase);
    private readonly EmulatedEventHubOptions _options;
    private readonly TimeProvider _clock;
    private WebApplication? _app;
    private int _roundRobin = -1;

    private EmulatedEventHub(EmulatedEventHubOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        foreach (var hub in options.Hubs)
        {
            GetPartitions(hub);
        }
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:51234/</c>.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public EmulatedEventHubOptions Options => _options;

    /// <summary>The REST address a producer posts batches to.</summary>
    public Uri MessagesUri(string hub) => new(Endpoint, Uri.EscapeDataString(hub) + "/messages?timeout=60&api-version=2014-01");

    public static async Task<EmulatedEventHub> StartAsync(EmulatedEventHubOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        var emulator = new EmulatedEventHub(options, clock);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = MaxRequestBytes * 2L;
        });
        var app = builder.Build();
        app.MapPost("/{hub}/messages", (HttpContext c, string hub) => emulator.HandleSendAsync(c, hub, null, null));
        app.MapPost("/{hub}/partitions/{partition}/messages", (HttpContext c, string hub, string partition) => emulator.HandleSendAsync(c, hub, partition, null));
        app.MapPost("/{hub}/publishers/{publisher}/messages", (HttpContext c, string hub, string publisher) => emulator.HandleSendAsync(c, hub, null, publisher));
        app.MapGet("/", () => Results.Json(emulator._hubs.ToDictionary(h => h.Key, h => h.Value.Select(p => p.LastSequenceNumber + 1).ToArray())));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        emulator._app = app;
        emulator.Endpoint = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return emulator;
    }

    /// <summary>The partitions of a hub, creating the hub on first use when hubs are not listed.</summary>
    /// <exception cref="KeyNotFoundException">Hubs are listed and this is not one of them.</exception>
    public IReadOnlyList<EventHubPartition> GetPartitions(string hub)
    {
        ArgumentException.ThrowIfNullOrEmpty(hub);
        if (TryGetPartitions(hub, out var partitions))
        {
            return partitions;
        }

        throw new KeyNotFoundException($"event hub '{hub}' does not exist (hubs: {string.Join(", ", _options.Hubs)})");
    }

    private bool TryGetPartitions(string hub, out EventHubPartition[] partitions)
    {
        if (_options.Hubs.Count > 0 && !_options.Hubs.Contains(hub, StringComparer.OrdinalIgnoreCase))
        {
            partitions = [];
            return false;
        }

        partitions = _hubs.GetOrAdd(hub, _ => [.. Enumerable.Range(0, _options.PartitionCount).Select(i => new EventHubPartition(i.ToString(CultureInfo.InvariantCulture)))]);
        return true;
    }

    /// <summary>The partition a key goes to: FNV-1a over the key's UTF-8 bytes, modulo the partition count (stable across runs).</summary>
    public static int PartitionFor(string partitionKey, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(partitionKey))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)partitionCount);
    }

    /// <summary>Appends events as a send would (used by the REST handler; tests may call it directly).</summary>
    public IReadOnlyList<EventHubEvent> Append(string hub, IReadOnlyList<(string? PartitionKey, ReadOnlyMemory<byte> Body, JsonObject? Properties)> items, string? partitionId = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        var partitions = GetPartitions(hub);
        var now = _clock.GetUtcNow();
        var stored = new List<EventHubEvent>(items.Count);
        if (partitionId is not null)
        {
            var target = partitions.FirstOrDefault(p => p.Id == partitionId) ?? throw new KeyNotFoundException($"partition '{partitionId}' does not exist in hub '{hub}'");
            stored.AddRange(target.Append(items, now));
            return stored;
        }

        // One request's messages keep their order within each partition.
        foreach (var group in items.GroupBy(i => i.PartitionKey is { } key ? PartitionFor(key, partitions.Count) : (Interlocked.Increment(ref _roundRobin) & int.MaxValue) % partitions.Count))
        {
            stored.AddRange(partitions[group.Key].Append([.. group], now));
        }

        return stored;
    }

    private async Task<IResult> HandleSendAsync(HttpContext context, string hub, string? partitionId, string? publisher)
    {
        var request = context.Request;
        if (Authorize(request.Headers.Authorization.ToString(), hub) is { } denied)
        {
            return Results.Text(denied, "text/plain", statusCode: 401);
        }

        if (!TryGetPartitions(hub, out var partitions))
        {
            return Results.Text($"The messaging entity '{_options.FullyQualifiedNamespace}/{hub}' could not be found.", "text/plain", statusCode: 404);
        }

        if (partitionId is not null && !partitions.Any(p => p.Id == partitionId))
        {
            return Results.Text($"partition '{partitionId}' does not exist in hub '{hub}' (0 to {partitions.Length - 1})", "text/plain", statusCode: 400);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length >= MaxRequestBytes)
        {
            return Results.Text($"the request is {buffer.Length} bytes; the limit is {MaxRequestBytes}", "text/plain", statusCode: 413);
        }

        var body = buffer.ToArray();
        List<(string?, ReadOnlyMemory<byte>, JsonObject?)> items;
        var isBatch = request.ContentType is { } type && type.StartsWith(BatchContentType, StringComparison.OrdinalIgnoreCase);
        if (isBatch)
        {
            if (!TryParseBatch(body, out items, out var error))
            {
                return Results.Text(error!, "text/plain", statusCode: 400);
            }
        }
        else
        {
            string? key = null;
            var broker = request.Headers["BrokerProperties"].ToString();
            if (!string.IsNullOrEmpty(broker))
            {
                try
                {
                    key = (string?)JsonNode.Parse(broker)?["PartitionKey"];
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException)
                {
                    return Results.Text($"the BrokerProperties header is not a JSON object: {ex.Message}", "text/plain", statusCode: 400);
                }
            }

            items = [(key, body, null)];
        }

        if (publisher is not null)
        {
            items = [.. items.Select(i => ((string?)publisher, i.Item2, i.Item3))];
        }

        Append(hub, items, partitionId);
        return Results.StatusCode(201);
    }

    private static bool TryParseBatch(byte[] body, out List<(string?, ReadOnlyMemory<byte>, JsonObject?)> items, out string? error)
    {
        items = [];
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            error = $"the batch is not valid JSON: {ex.Message}";
            return false;
        }

        if (root is not JsonArray array)
        {
            error = "the batch must be a JSON array of messages";
            return false;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject message)
            {
                error = $"message [{i}] must be a JSON object";
                return false;
            }

            if (message["Body"] is not JsonValue bodyValue || !bodyValue.TryGetValue<string>(out var text))
            {
                error = $"message [{i}]: Body must be a string";
                return false;
            }

            string? key = null;
            if (message["BrokerProperties"] is JsonObject broker && broker["PartitionKey"] is { } keyNode)
            {
                if (keyNode is not JsonValue keyValue || !keyValue.TryGetValue(out key))
                {
                    error = $"message [{i}]: BrokerProperties.PartitionKey must be a string";
                    return false;
                }
            }
            else if (message["BrokerProperties"] is { } other && other is not JsonObject)
            {
                error = $"message [{i}]: BrokerProperties must be an object";
                return false;
            }

            var properties = message["UserProperties"] as JsonObject;
            items.Add((key, Encoding.UTF8.GetBytes(text), properties is null ? null : (JsonObject)properties.DeepClone()));
        }

        error = null;
        return true;
    }

    /// <summary>Null when the header is acceptable, else why not.</summary>
    private string? Authorize(string header, string hub)
    {
        if (header.StartsWith("Bearer ", StringComparison.Ordinal) && header.Length > 7)
        {
            return null;
        }

        if (!header.StartsWith("SharedAccessSignature ", StringComparison.Ordinal))
        {
            return "an Authorization header with a SharedAccessSignature or a Bearer token is required";
        }

        if (_options.SasKey is null)
        {
            return null;
        }

        var parts = header["SharedAccessSignature ".Length..].Split('&')
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("sr", out var sr) || !parts.TryGetValue("sig", out var sig) || !parts.TryGetValue("se", out var se) || !parts.TryGetValue("skn", out var skn))
        {
            return "the shared access signature must carry sr, sig, se and skn";
        }

        if (WebUtility.UrlDecode(skn) != _options.SasKeyName)
        {
            return $"unknown key name '{WebUtility.UrlDecode(skn)}'";
        }

        var resource = WebUtility.UrlDecode(sr).TrimEnd('/');
        if (!resource.EndsWith("/" + hub, StringComparison.OrdinalIgnoreCase))
        {
            return $"the signature is for '{resource}', not for hub '{hub}'";
        }

        if (!long.TryParse(se, NumberStyles.Integer, CultureInfo.InvariantCulture, out var expiry) || DateTimeOffset.FromUnixTimeSeconds(expiry) < _clock.GetUtcNow())
        {
            return "the shared access signature has expired";
        }

        var expected = EventHubsRest.Signature(sr, se, _options.SasKey);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(WebUtility.UrlDecode(sig)))
            ? null
            : "the shared access signature does not match";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
