using System.Buffers;
using System.Text;
using System.Text.Json;
using PredictiveMigration.Durable.Storage.Client;
using PredictiveMigration.Durable.Storage.Grpc;

namespace PredictiveMigration.Functions.Durable;

/// <summary>An HTTP request as the host sends it inside the invocation envelope (PROTOCOL.md §2.3), or as the app received it directly.</summary>
public sealed record ApiRequest(string Method, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> RouteValues, string Body)
{
    /// <summary>A route value or the empty string.</summary>
    public string Route(string name) => RouteValues.TryGetValue(name, out var v) ? v : "";

    /// <summary>Reads a request received directly (local runs: the app is called without the host).</summary>
    public static async Task<ApiRequest> FromHttpAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        return new ApiRequest(
            request.Method,
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            request.RouteValues.ToDictionary(r => r.Key, r => Convert.ToString(r.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.OrdinalIgnoreCase),
            body);
    }

    /// <summary>Reads <c>Data.{binding}</c> of an invocation envelope.</summary>
    /// <exception cref="FormatException">The envelope has no such request object.</exception>
    public static ApiRequest FromEnvelope(ReadOnlyMemory<byte> utf8Envelope, string binding = "req")
    {
        using var document = JsonDocument.Parse(utf8Envelope);
        if (!document.RootElement.TryGetProperty("Data", out var data) || !data.TryGetProperty(binding, out var req) || req.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"the invocation has no Data.{binding} request object");
        }

        return new ApiRequest(
            Text(req, "Method") ?? "GET",
            Map(req, "Query"),
            Map(req, "Params"),
            Text(req, "Body") ?? "");
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => v.GetRawText(),
        } : null;

    private static Dictionary<string, string> Map(JsonElement obj, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in v.EnumerateObject())
            {
                map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText();
            }
        }

        return map;
    }
}

/// <summary>An API answer that can be written directly or as the envelope's HTTP output (<c>Outputs.res</c>).</summary>
public sealed record ApiResponse(int Status, string ContentType, string Body, string? Location = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ApiResponse Ok(object body, int status = 200, string? location = null) =>
        new(status, "application/json; charset=utf-8", JsonSerializer.Serialize(body, Json), location);

    public static ApiResponse Problem(int status, string title, string detail, string? field) =>
        new(status, "application/problem+json", JsonSerializer.Serialize(new { type = "about:blank", title, status, detail, field }, Json));

    /// <summary>Writes the answer to a direct request.</summary>
    public async Task WriteAsync(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = Status;
        response.ContentType = ContentType;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        await response.WriteAsync(Body, response.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The invocation result carrying this answer in <c>Outputs.{binding}</c>.</summary>
    public string ToEnvelope(string binding = "res")
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("Outputs");
            w.WriteStartObject(binding);
            w.WriteNumber("statusCode", Status);
            w.WriteStartObject("headers");
            w.WriteString("Content-Type", ContentType);
            if (Location is not null)
            {
                w.WriteString("Location", Location);
            }

            w.WriteEndObject();
            w.WriteString("body", Body);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("Logs");
            w.WriteEndArray();
            w.WriteNull("ReturnValue");
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

/// <summary>
/// Where a function gets its Durable client: in Azure from the <c>durableClient</c> binding of its invocation
/// (a gRPC client to the host's sidecar); in local runs (the sandbox) from the development client registered in DI.
/// </summary>
public static class DurableClients
{
    /// <summary>The client of an invocation envelope when it carries a durableClient binding, else the registered one.</summary>
    /// <returns>The client and what to dispose after the call (null when the client is shared).</returns>
    /// <exception cref="InvalidOperationException">Neither is available.</exception>
    public static (IDurableClient Client, IDisposable? Owned) Resolve(IServiceProvider services, ReadOnlyMemory<byte>? envelope, string binding = DurableClientBindingPayload.DefaultBindingName)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (envelope is { } body && HasBinding(body, binding))
        {
            var client = GrpcDurableClient.Create(DurableClientBindingPayload.FromEnvelope(body, binding), services.GetService<TimeProvider>());
            return (client, client);
        }

        return services.GetService<IDurableClient>() is { } shared
            ? (shared, null)
            : throw new InvalidOperationException(
                "no Durable client: in Azure the function needs its durableClient binding; locally set DurableBackend:TaskHubName to use the development backend");
    }

    private static bool HasBinding(ReadOnlyMemory<byte> body, string binding)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("Data", out var data) && data.TryGetProperty(binding, out var value) && value.ValueKind != JsonValueKind.Null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
