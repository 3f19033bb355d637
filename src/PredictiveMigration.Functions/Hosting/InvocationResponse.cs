using System.Text.Json;

namespace PredictiveMigration.Functions.Hosting;

/// <summary>
/// The custom-handler response body <c>{"Outputs":{},"Logs":[…],"ReturnValue":null}</c> (PROTOCOL.md §1.3), always
/// sent as <c>application/json</c>: a 2xx tells the host the invocation succeeded, anything else that it failed.
/// </summary>
internal static class InvocationResponse
{
    public static async Task WriteAsync(HttpResponse response, int statusCode, IReadOnlyList<string> logs, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartObject("Outputs");
        writer.WriteEndObject();
        writer.WriteStartArray("Logs");
        foreach (var line in logs)
        {
            writer.WriteStringValue(line);
        }

        writer.WriteEndArray();
        writer.WriteNull("ReturnValue");
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
