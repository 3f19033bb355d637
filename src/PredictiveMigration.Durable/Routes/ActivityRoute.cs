using System.Text;
using System.Text.Json;
using PredictiveMigration.Durable.Registration;
using PredictiveMigration.Durable.Replay;

namespace PredictiveMigration.Durable.Routes;

/// <summary>
/// An activity function's route body, as a pure function of the request bytes (PROTOCOL.md §3.3): decode
/// <c>Data.&lt;binding&gt;</c>, run the activity, answer 200 <c>{"ReturnValue": &lt;result envelope&gt;}</c> (see
/// <see cref="ActivityResultEnvelope"/>). A failing activity is a 200 with a failure envelope, so its type and
/// message reach the orchestrator; non-2xx is reserved for crashes (an unreadable request, a cancelled invocation).
/// </summary>
public sealed class ActivityRoute
{
    /// <summary>The usual binding name of the activityTrigger in function.json.</summary>
    public const string DefaultBindingName = "input";

    private readonly DurableTaskRegistry _registry;
    private readonly DurableTaskOptions _options;
    private readonly IServiceProvider _services;
    private readonly string _bindingName;

    /// <summary>Creates the route.</summary>
    /// <param name="registry">The activities, by name.</param>
    /// <param name="options">Serialization settings; default <see cref="DurableTaskOptions"/>.</param>
    /// <param name="services">Resolves activity constructor dependencies; default: none.</param>
    /// <param name="bindingName">The activityTrigger binding name in function.json.</param>
    public ActivityRoute(
        DurableTaskRegistry registry,
        DurableTaskOptions? options = null,
        IServiceProvider? services = null,
        string bindingName = DefaultBindingName)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrEmpty(bindingName);
        _registry = registry;
        _options = options ?? new DurableTaskOptions();
        _services = services ?? EmptyServiceProvider.Instance;
        _bindingName = bindingName;
    }

    /// <summary>Handles one invocation.</summary>
    /// <param name="activityName">The activity (function) name: the route's path segment.</param>
    /// <param name="utf8Body">The request body the host posted.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>200 with the result envelope; 400 for an unreadable request; 500 when cancelled.</returns>
    public async Task<RouteResponse> HandleAsync(string activityName, ReadOnlyMemory<byte> utf8Body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(activityName);
        ActivityInvocation invocation;
        try
        {
            invocation = DecodeRequest(utf8Body, _bindingName);
        }
        catch (FormatException exception)
        {
            return new RouteResponse(400, ErrorBody(exception.Message));
        }

        string envelope;
        try
        {
            string? outputJson = await RunAsync(activityName, invocation, cancellationToken).ConfigureAwait(false);
            envelope = ActivityResultEnvelope.Success(outputJson);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host abandoned the invocation (shutdown, timeout): a crash, not an application failure.
            return new RouteResponse(500, ErrorBody($"Activity '{activityName}' was cancelled."));
        }
        catch (Exception exception)
        {
            envelope = ActivityResultEnvelope.Failure(FailureDetailsConverter.ToInfo(exception, _options.IncludeStackTraces));
        }

        return new RouteResponse(200, "{\"ReturnValue\":" + envelope + "}");
    }

    /// <summary>Handles one invocation.</summary>
    /// <param name="activityName">The activity (function) name.</param>
    /// <param name="body">The request body the host posted.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>See <see cref="HandleAsync(string, ReadOnlyMemory{byte}, CancellationToken)"/>.</returns>
    public Task<RouteResponse> HandleAsync(string activityName, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return HandleAsync(activityName, Encoding.UTF8.GetBytes(body), cancellationToken);
    }

    /// <summary>Decodes the host envelope.</summary>
    /// <param name="utf8Body">The request body.</param>
    /// <param name="bindingName">The activityTrigger binding name.</param>
    /// <exception cref="FormatException">The body is not an activity envelope.</exception>
    public static ActivityInvocation DecodeRequest(ReadOnlyMemory<byte> utf8Body, string bindingName = DefaultBindingName)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(utf8Body);
            JsonElement value = HostEnvelope.GetData(document.RootElement, bindingName);
            string? inputJson = value.ValueKind switch
            {
                // [DERIVED] PROTOCOL.md §3.3: a JSON string whose content is the raw JSON text of the input
                // ("\"\\\"Tokyo\\\"\"" for "Tokyo"), or the string "null" for no input. Decoding once gives that
                // text; if it does not decode (a host that sent the text itself), the string is the text.
                JsonValueKind.String => InputTextOf(value.GetString()!),

                // Tolerated: an embedded JSON value instead of a string.
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            };
            string instanceId = HostEnvelope.GetMetadataString(document.RootElement, "instanceId") ?? string.Empty;
            return new ActivityInvocation(inputJson, instanceId);
        }
        catch (JsonException exception)
        {
            throw new FormatException("The activity request body is not valid JSON.", exception);
        }
    }

    private static string? InputTextOf(string encoded)
    {
        string text = encoded;
        if (encoded.StartsWith('"')
            && HostEnvelope.DecodeOnce(encoded) is { ValueKind: JsonValueKind.String } inner
            && HostEnvelope.DecodeOnce(inner.GetString()!) is not null)
        {
            text = inner.GetString()!;
        }

        return text.Length == 0 || text == "null" ? null : text;
    }

    private static string ErrorBody(string message)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, HostEnvelope.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private async Task<string?> RunAsync(string activityName, ActivityInvocation invocation, CancellationToken cancellationToken)
    {
        if (!_registry.TryCreateActivity(activityName, _services, out ITaskActivity? activity))
        {
            throw new InvalidOperationException($"No activity named '{activityName}' is registered.");
        }

        object? input = invocation.InputJson is null
            ? null
            : JsonSerializer.Deserialize(invocation.InputJson, activity.InputType, _options.SerializerOptions);
        object? output = await activity.RunAsync(new TaskActivityContext(activityName, invocation.InstanceId), input, cancellationToken)
            .ConfigureAwait(false);
        return output is null ? null : JsonSerializer.Serialize(output, activity.OutputType, _options.SerializerOptions);
    }
}
