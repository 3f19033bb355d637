using System.Text;
using Google.Protobuf;
using System.Text.Json;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Replay;

namespace PredictiveMigration.Durable.Routes;

/// <summary>
/// The orchestrator function's route body, as a pure function of the request bytes (PROTOCOL.md §3.2):
/// decode <c>Data.context</c> (a JSON string whose content is a quoted base64 string of an
/// <see cref="OrchestratorRequest"/>), run the executor, answer 200 <c>{"ReturnValue":"&lt;base64 OrchestratorResponse&gt;"}</c>.
/// Every failure, including an unreadable request, is answered with 200 and a FAILED completion: a non-2xx
/// answer would fail the orchestration with the host's generic text instead of ours.
/// </summary>
public sealed class OrchestratorRoute
{
    /// <summary>The usual binding name of the orchestrationTrigger in function.json.</summary>
    public const string DefaultBindingName = "context";

    private readonly OrchestrationExecutor _executor;
    private readonly string _bindingName;

    /// <summary>Creates the route.</summary>
    /// <param name="executor">The replay executor.</param>
    /// <param name="bindingName">The orchestrationTrigger binding name in function.json.</param>
    public OrchestratorRoute(OrchestrationExecutor executor, string bindingName = DefaultBindingName)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentException.ThrowIfNullOrEmpty(bindingName);
        _executor = executor;
        _bindingName = bindingName;
    }

    /// <summary>Handles one invocation.</summary>
    /// <param name="utf8Body">The request body the host posted.</param>
    /// <returns>Always a 200 answer.</returns>
    public RouteResponse Handle(ReadOnlyMemory<byte> utf8Body)
    {
        OrchestratorRequest? request = null;
        OrchestratorResponse response;
        try
        {
            request = DecodeRequest(utf8Body, _bindingName);
            response = _executor.Execute(request);
        }
        catch (Exception exception)
        {
            response = OrchestrationExecutor.CreateFailedResponse(request?.InstanceId ?? string.Empty, exception, _executor.Options.IncludeStackTraces);
        }

        return new RouteResponse(200, EncodeResponse(response));
    }

    /// <summary>Handles one invocation.</summary>
    /// <param name="body">The request body the host posted.</param>
    /// <returns>Always a 200 answer.</returns>
    public RouteResponse Handle(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Handle(Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Decodes the host envelope into the protobuf request.</summary>
    /// <param name="utf8Body">The request body.</param>
    /// <param name="bindingName">The orchestrationTrigger binding name.</param>
    /// <exception cref="FormatException">The body is not an orchestrator envelope.</exception>
    public static OrchestratorRequest DecodeRequest(ReadOnlyMemory<byte> utf8Body, string bindingName = DefaultBindingName)
    {
        string base64;
        try
        {
            using JsonDocument document = JsonDocument.Parse(utf8Body);
            JsonElement value = HostEnvelope.GetData(document.RootElement, bindingName);
            if (value.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"Data.{bindingName} is a JSON {value.ValueKind}, not the expected string.");
            }

            // PROTOCOL.md §0/§3.2: a JSON string whose content is a quoted JSON string holding the base64.
            // Tolerate a single encoding too (the base64 alphabet never starts with a quote).
            string text = value.GetString()!;
            base64 = text.StartsWith('"') && HostEnvelope.DecodeOnce(text) is { ValueKind: JsonValueKind.String } inner
                ? inner.GetString()!
                : text;
        }
        catch (JsonException exception)
        {
            throw new FormatException("The orchestrator request body is not valid JSON.", exception);
        }

        return OrchestratorRequest.Parser.ParseFrom(Convert.FromBase64String(base64));
    }

    /// <summary>Encodes the response body.</summary>
    /// <param name="response">The executor's response.</param>
    /// <returns><c>{"ReturnValue":"&lt;base64&gt;"}</c>.</returns>
    public static string EncodeResponse(OrchestratorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);

        // ReturnValue is a plain JSON string holding standard base64, single-encoded, as PROTOCOL.md §3.2 reads the
        // extension's code (`as string`, then Convert.FromBase64String). The Go sample wraps the base64 in extra
        // quotes instead; not observed against a real host yet, so if one disagrees, this is the line to change.
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, HostEnvelope.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("ReturnValue", Convert.ToBase64String(response.ToByteArray()));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
