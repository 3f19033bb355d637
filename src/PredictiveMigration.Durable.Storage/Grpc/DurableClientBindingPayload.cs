using System.Text.Json;

namespace PredictiveMigration.Durable.Storage.Grpc;

/// <summary>
/// What the <c>durableClient</c> input binding delivers to a custom handler in the Durable extension's v2 mode
/// (PROTOCOL.md §3.4): <c>{taskHubName, connectionName, rpcBaseUrl, requiredQueryStringParameters, httpBaseUrl}</c>.
/// In the request envelope <c>Data.starter</c> holds it double-encoded: a JSON string whose content is the JSON text
/// of a string whose content is the object's JSON text.
/// </summary>
/// <param name="TaskHubName">The resolved task hub name.</param>
/// <param name="ConnectionName">The binding's connection name; may be null.</param>
/// <param name="RpcBaseUrl">The gRPC address of the host's <c>TaskHubSidecarService</c>. Always read it: the port is not fixed.</param>
/// <param name="RequiredQueryStringParameters">Query string for the HTTP management API (<c>code=…</c> in Azure).</param>
/// <param name="HttpBaseUrl">The HTTP management API's base URL.</param>
public sealed record DurableClientBindingPayload(
    string? TaskHubName,
    string? ConnectionName,
    Uri RpcBaseUrl,
    string? RequiredQueryStringParameters,
    Uri? HttpBaseUrl)
{
    /// <summary>The usual binding name of the durableClient input in function.json.</summary>
    public const string DefaultBindingName = "starter";

    /// <summary>Reads the binding value from a whole request envelope (<c>{"Data":{"starter":…}}</c>).</summary>
    /// <param name="utf8Body">The request body the host posted.</param>
    /// <param name="bindingName">The durableClient binding name.</param>
    /// <exception cref="FormatException">The envelope has no such binding, or its value is not a durableClient payload.</exception>
    public static DurableClientBindingPayload FromEnvelope(ReadOnlyMemory<byte> utf8Body, string bindingName = DefaultBindingName)
    {
        ArgumentException.ThrowIfNullOrEmpty(bindingName);
        try
        {
            using JsonDocument document = JsonDocument.Parse(utf8Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !TryGetProperty(document.RootElement, "Data", out JsonElement data)
                || data.ValueKind != JsonValueKind.Object
                || !TryGetProperty(data, bindingName, out JsonElement value))
            {
                throw new FormatException($"The request envelope has no Data.{bindingName} (the durableClient binding).");
            }

            return value.ValueKind == JsonValueKind.Object ? FromObject(value) : Parse(value.GetString() ?? string.Empty);
        }
        catch (JsonException exception)
        {
            throw new FormatException("The request body is not valid JSON.", exception);
        }
    }

    /// <summary>
    /// Reads the binding value as the envelope carries it after one parse: the JSON text of a string holding the
    /// object (double encoding), or, tolerated, the object's JSON text itself.
    /// </summary>
    /// <param name="value">The value of <c>Data.starter</c> after parsing the envelope.</param>
    /// <exception cref="FormatException">The value is not a durableClient payload.</exception>
    public static DurableClientBindingPayload Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string text = value.Trim();
        try
        {
            // Undo the host's extra encoding (PROTOCOL.md §0): "\"{...}\"" → "{...}". Twice at most.
            for (int i = 0; i < 2 && text.StartsWith('"'); i++)
            {
                text = JsonSerializer.Deserialize<string>(text) ?? string.Empty;
            }

            using JsonDocument document = JsonDocument.Parse(text);
            return FromObject(document.RootElement);
        }
        catch (JsonException exception)
        {
            throw new FormatException("The durableClient binding value is not JSON.", exception);
        }
    }

    private static DurableClientBindingPayload FromObject(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"The durableClient binding value is a JSON {root.ValueKind}, not an object.");
        }

        string? rpc = Text(root, "rpcBaseUrl");
        if (string.IsNullOrWhiteSpace(rpc))
        {
            throw new FormatException("The durableClient binding value has no rpcBaseUrl: the Durable extension is not in its v2 (out-of-process) mode; set FUNCTIONS_WORKER_RUNTIME=custom.");
        }

        if (!Uri.TryCreate(rpc, UriKind.Absolute, out Uri? rpcUri) || (rpcUri.Scheme != Uri.UriSchemeHttp && rpcUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"The durableClient rpcBaseUrl is not an absolute http(s) URL: '{rpc}'.");
        }

        string? http = Text(root, "httpBaseUrl");
        return new DurableClientBindingPayload(
            Text(root, "taskHubName"),
            Text(root, "connectionName"),
            rpcUri,
            Text(root, "requiredQueryStringParameters"),
            Uri.TryCreate(http, UriKind.Absolute, out Uri? httpUri) ? httpUri : null);
    }

    private static string? Text(JsonElement element, string name) =>
        TryGetProperty(element, name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
