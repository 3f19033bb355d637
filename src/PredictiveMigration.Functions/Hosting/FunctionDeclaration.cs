using System.Buffers;
using System.Text.Json;
using PredictiveMigration.Functions.Hosting.Bindings;

namespace PredictiveMigration.Functions.Hosting;

/// <summary>
/// One function: its name (the folder the host sees, and the path it POSTs invocations to), its bindings and retry
/// policy. <c>function.json</c> is generated from this, and the app's route is derived from it, so they cannot drift.
/// </summary>
public sealed record FunctionDeclaration(string Name, IReadOnlyList<BindingDeclaration> Bindings, RetryDeclaration? Retry = null)
{
    /// <summary>The host's HTTP route prefix; must equal <c>extensions.http.routePrefix</c> in host.json.</summary>
    public const string RoutePrefix = "api";

    public BindingDeclaration Trigger => Bindings.Single(b => b.IsTrigger);

    /// <summary>
    /// True for exactly one HTTP trigger and one HTTP output: the host then forwards the original request to the
    /// original path (host.json <c>enableForwardingHttpRequest</c>); every other function gets the JSON envelope.
    /// </summary>
    public bool IsForwardedHttp =>
        Bindings.Count == 2 && Bindings.OfType<HttpTriggerBinding>().Count() == 1 && Bindings.OfType<HttpOutputBinding>().Count() == 1;

    /// <summary>The path the host calls on this app.</summary>
    public string RoutePattern => IsForwardedHttp ? $"/{RoutePrefix}/{((HttpTriggerBinding)Trigger).Route}" : $"/{Name}";

    /// <summary>The methods the route answers.</summary>
    public IReadOnlyList<string> HttpMethods => IsForwardedHttp
        ? [.. ((HttpTriggerBinding)Trigger).Methods.Select(m => m.ToUpperInvariant())]
        : ["POST"];

    /// <summary>The <c>function.json</c> text.</summary>
    public string ToFunctionJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("bindings");
            foreach (var binding in Bindings)
            {
                binding.Write(writer);
            }

            writer.WriteEndArray();
            Retry?.Write(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
