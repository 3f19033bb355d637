using System.Text;
using System.Text.Json;

namespace PredictiveMigration.Durable.Routes;

/// <summary>
/// The activity result envelope: what the activity route puts in <c>ReturnValue</c> and what therefore comes
/// back, re-serialized by the Durable extension, as <c>taskCompleted.result</c>.
/// <code>
/// success: {"pmActivityResult":1,"ok":true,"output":"&lt;JSON text of the result&gt;"}     ("output" absent for null)
/// failure: {"pmActivityResult":1,"ok":false,"failure":{"errorType":"System.InvalidOperationException",
///           "errorMessage":"...","stackTrace":"...","isNonRetriable":false,"innerFailure":{...}}}
/// </code>
/// Why an envelope: a non-2xx answer loses our error text (PROTOCOL.md §3.3), so an expected failure travels as a
/// 200 and the orchestration context turns it back into a <see cref="TaskFailedException"/>. Why the output is
/// JSON text inside a string: the host reads ReturnValue with Newtonsoft.Json, whose default date handling may
/// rewrite ISO-date-looking strings inside an object (PROTOCOL.md §3.3 caveat, UNCONFIRMED); a JSON string that
/// starts with a quote or a brace is never taken for a date.
/// A result that is not an envelope (a plain JSON value, e.g. from another backend) is taken as the output itself.
/// </summary>
public static class ActivityResultEnvelope
{
    /// <summary>The marker property; its value is the envelope version.</summary>
    public const string MarkerProperty = "pmActivityResult";

    /// <summary>The envelope version written.</summary>
    public const int Version = 1;

    /// <summary>The success envelope for <paramref name="outputJson"/>.</summary>
    /// <param name="outputJson">The JSON text of the result, or <see langword="null"/>.</param>
    /// <returns>The envelope's JSON text.</returns>
    public static string Success(string? outputJson) => Write(writer =>
    {
        writer.WriteBoolean("ok", true);
        if (outputJson is not null)
        {
            writer.WriteString("output", outputJson);
        }
    });

    /// <summary>The failure envelope for <paramref name="failure"/>.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The envelope's JSON text.</returns>
    public static string Failure(TaskFailureInfo failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Write(writer =>
        {
            writer.WriteBoolean("ok", false);
            writer.WritePropertyName("failure");
            WriteFailure(writer, failure);
        });
    }

    /// <summary>Reads a <c>taskCompleted.result</c>.</summary>
    /// <param name="resultJson">The result JSON text, or <see langword="null"/>.</param>
    /// <returns>The outcome; a non-envelope result is a success whose output is the result itself.</returns>
    public static ActivityOutcome Decode(string? resultJson)
    {
        if (resultJson is null
            || !resultJson.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal)
            || !resultJson.Contains(MarkerProperty, StringComparison.Ordinal))
        {
            return new ActivityOutcome(resultJson, null);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(resultJson);
            JsonElement root = document.RootElement;
            if (!root.TryGetProperty(MarkerProperty, out JsonElement marker)
                || marker.ValueKind != JsonValueKind.Number
                || !root.TryGetProperty("ok", out JsonElement ok)
                || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return new ActivityOutcome(resultJson, null);
            }

            if (ok.GetBoolean())
            {
                return new ActivityOutcome(
                    root.TryGetProperty("output", out JsonElement output) && output.ValueKind == JsonValueKind.String ? output.GetString() : null,
                    null);
            }

            return new ActivityOutcome(
                null,
                root.TryGetProperty("failure", out JsonElement failure) && failure.ValueKind == JsonValueKind.Object
                    ? ReadFailure(failure)
                    : new TaskFailureInfo("Unknown", "The activity failed without failure details."));
        }
        catch (JsonException)
        {
            return new ActivityOutcome(resultJson, null);
        }
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, HostEnvelope.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber(MarkerProperty, Version);
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteFailure(Utf8JsonWriter writer, TaskFailureInfo failure)
    {
        writer.WriteStartObject();
        writer.WriteString("errorType", failure.ErrorType);
        writer.WriteString("errorMessage", failure.ErrorMessage);
        if (failure.StackTrace is not null)
        {
            writer.WriteString("stackTrace", failure.StackTrace);
        }

        if (failure.IsNonRetriable)
        {
            writer.WriteBoolean("isNonRetriable", true);
        }

        if (failure.InnerFailure is not null)
        {
            writer.WritePropertyName("innerFailure");
            WriteFailure(writer, failure.InnerFailure);
        }

        writer.WriteEndObject();
    }

    private static TaskFailureInfo ReadFailure(JsonElement failure)
    {
        static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        return new TaskFailureInfo(
            Text(failure, "errorType") ?? "Unknown",
            Text(failure, "errorMessage") ?? string.Empty,
            Text(failure, "stackTrace"),
            failure.TryGetProperty("innerFailure", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object ? ReadFailure(inner) : null,
            failure.TryGetProperty("isNonRetriable", out JsonElement nonRetriable) && nonRetriable.ValueKind == JsonValueKind.True);
    }
}
