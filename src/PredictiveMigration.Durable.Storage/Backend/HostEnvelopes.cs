using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;
using PredictiveMigration.Durable.Protobuf;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// The request bodies the Functions host posts to a custom handler for Durable triggers, and the decoding of the
/// answers the way the Durable extension decodes them (PROTOCOL.md §0, §3.2, §3.3). Pure functions.
/// </summary>
internal static class HostEnvelopes
{
    /// <summary>The errorType the extension records when a function invocation fails (PROTOCOL.md §3.3, DERIVED).</summary>
    public const string FunctionInvocationErrorType = "Microsoft.Azure.WebJobs.Host.FunctionInvocationException";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The inner encodings are written like Newtonsoft writes them: <c>\"</c>, not <c>\u0022</c>.</summary>
    private static readonly JsonSerializerOptions StringOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// <c>{"Data":{"context":"\"&lt;base64&gt;\""},"Metadata":{"sys":{…}}}</c>: the base64 of the request, as a JSON
    /// string, as the content of the <c>context</c> string (the host's double encoding of a string value).
    /// </summary>
    public static byte[] OrchestratorRequestBody(string functionName, OrchestratorRequest request, DateTimeOffset utcNow, Guid randGuid)
    {
        string base64 = Convert.ToBase64String(request.ToByteArray());
        return Write(writer =>
        {
            writer.WriteStartObject("Data");
            writer.WriteString("context", JsonSerializer.Serialize(base64, StringOptions));
            writer.WriteEndObject();
            writer.WriteStartObject("Metadata");
            WriteSys(writer, functionName, utcNow, randGuid);
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// <c>{"Data":{"input":"&lt;input JSON text as a JSON string&gt;"},"Metadata":{"input":…,"data":…,"instanceId":"\"id\"","sys":{…}}}</c>.
    /// A null input is the string <c>"null"</c>; <c>data</c> is the parsed input (an object embedded, anything else
    /// as its JSON text) and is absent for a null input (PROTOCOL.md §3.3).
    /// </summary>
    public static byte[] ActivityRequestBody(string functionName, string instanceId, string? inputJson, DateTimeOffset utcNow, Guid randGuid)
    {
        string input = inputJson is null ? "null" : JsonSerializer.Serialize(inputJson, StringOptions);
        return Write(writer =>
        {
            writer.WriteStartObject("Data");
            writer.WriteString("input", input);
            writer.WriteEndObject();
            writer.WriteStartObject("Metadata");
            writer.WriteString("input", input);
            if (inputJson is not null)
            {
                if (inputJson.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal))
                {
                    writer.WritePropertyName("data");
                    writer.WriteRawValue(inputJson);
                }
                else
                {
                    writer.WriteString("data", inputJson);
                }
            }

            writer.WriteString("instanceId", JsonSerializer.Serialize(instanceId, StringOptions));
            WriteSys(writer, functionName, utcNow, randGuid);
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// Decodes an orchestrator answer as the extension does: <c>ReturnValue</c> must be a string holding the base64
    /// of an <see cref="OrchestratorResponse"/>. A quoted base64 (the Go sample's form) is accepted too.
    /// </summary>
    /// <exception cref="FormatException">Anything else: the extension fails the orchestration.</exception>
    public static OrchestratorResponse DecodeOrchestratorResponse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            if (!TryGetProperty(document.RootElement, "ReturnValue", out JsonElement value) || value.ValueKind != JsonValueKind.String)
            {
                throw new FormatException("The orchestrator's ReturnValue is missing or not a string.");
            }

            string text = value.GetString()!;
            if (text.StartsWith('"'))
            {
                text = JsonSerializer.Deserialize<string>(text) ?? string.Empty;
            }

            if (text.Length == 0)
            {
                throw new FormatException("The orchestrator's ReturnValue is empty.");
            }

            return OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(text));
        }
        catch (JsonException exception)
        {
            throw new FormatException("The orchestrator's answer is not JSON.", exception);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new FormatException("The orchestrator's ReturnValue is not an OrchestratorResponse.", exception);
        }
    }

    /// <summary>
    /// Decodes an activity's 2xx answer as the extension does: the <c>ReturnValue</c> re-serialized as compact JSON
    /// text becomes <c>taskCompleted.result</c>; no ReturnValue (or null) is a null result.
    /// </summary>
    /// <exception cref="FormatException">The body is not JSON (the extension fails the task).</exception>
    public static string? DecodeActivityResult(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            if (!TryGetProperty(document.RootElement, "ReturnValue", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return Encoding.UTF8.GetString(Write(writer => value.WriteTo(writer), wrapInObject: false));
        }
        catch (JsonException exception)
        {
            throw new FormatException("The activity's answer is not JSON.", exception);
        }
    }

    /// <summary>
    /// The failure the extension records for a failed function invocation (non-2xx, unreadable answer): the host's
    /// generic text, because it discards the body (PROTOCOL.md §3.2, §3.3).
    /// </summary>
    public static TaskFailureDetails FunctionFailure(string functionName, string cause) => new()
    {
        ErrorType = FunctionInvocationErrorType,
        ErrorMessage = $"Exception while executing function: Functions.{functionName}",
        InnerFailure = new TaskFailureDetails { ErrorType = "System.Net.Http.HttpRequestException", ErrorMessage = cause },
    };

    /// <summary>The orchestration-level message the extension records when the orchestrator function fails.</summary>
    public static string OrchestratorFunctionFailedMessage(string functionName) => $"Function '{functionName}' failed with an unhandled exception.";

    private static void WriteSys(Utf8JsonWriter writer, string functionName, DateTimeOffset utcNow, Guid randGuid)
    {
        writer.WriteStartObject("sys");
        writer.WriteString("MethodName", functionName);
        writer.WriteString("UtcNow", utcNow.UtcDateTime);
        writer.WriteString("RandGuid", randGuid);
        writer.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body, bool wrapInObject = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            if (wrapInObject)
            {
                writer.WriteStartObject();
            }

            body(writer);
            if (wrapInObject)
            {
                writer.WriteEndObject();
            }
        }

        return stream.ToArray();
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }
}
