using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Functions.Hosting.Bindings;

namespace PredictiveMigration.Functions.Api.OpenApi;

/// <summary>
/// Writes the OpenAPI 3.1 document of the HTTP API from the function catalog (routes, methods, auth levels) and
/// <see cref="ApiDocs"/> (summaries, parameters, responses), so the document cannot drift from what is served.
/// </summary>
public static partial class OpenApiDocument
{
    /// <summary>The document as UTF-8 JSON.</summary>
    /// <param name="version">The app version to print in <c>info.version</c>.</param>
    public static byte[] Write(string version)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("openapi", "3.1.0");
            w.WriteStartObject("info");
            w.WriteString("title", "PredictiveMigration API");
            w.WriteString("version", version);
            w.WriteString("description",
                "Servers, forecasts and risk, migrations, connectors and models. Errors are application/problem+json " +
                "naming the offending field in 'field'. Authentication: a function key in the x-functions-key header " +
                "or the code query parameter (admin operations need the admin key).");
            w.WriteEndObject();
            w.WriteStartArray("servers");
            w.WriteStartObject();
            w.WriteString("url", "/");
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteStartObject("paths");
            foreach (var group in HttpFunctions().GroupBy(f => f.Trigger.Route).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject("/" + FunctionDeclaration.RoutePrefix + "/" + StripConstraints(group.Key));
                foreach (var (declaration, trigger) in group)
                {
                    foreach (var method in trigger.Methods)
                    {
                        WriteOperation(w, declaration.Name, method.ToLowerInvariant(), trigger);
                    }
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();

            w.WriteStartObject("components");
            w.WriteStartObject("securitySchemes");
            WriteKeyScheme(w, "functionKey", "header", ApiKeyAuthentication.HeaderName);
            WriteKeyScheme(w, "functionKeyQuery", "query", ApiKeyAuthentication.QueryName);
            w.WriteEndObject();
            w.WriteStartObject("schemas");
            w.WriteStartObject("Problem");
            w.WriteString("type", "object");
            w.WriteStartObject("properties");
            foreach (var (name, type) in new[] { ("type", "string"), ("title", "string"), ("status", "integer"), ("detail", "string"), ("field", "string") })
            {
                w.WriteStartObject(name);
                w.WriteString("type", type);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The HTTP functions of the catalog (forwarded or through the envelope) with their triggers.</summary>
    public static IEnumerable<(FunctionDeclaration Declaration, HttpTriggerBinding Trigger)> HttpFunctions() =>
        FunctionCatalog.All.Where(f => f.Trigger is HttpTriggerBinding).Select(f => (f, (HttpTriggerBinding)f.Trigger));

    private static void WriteOperation(Utf8JsonWriter w, string functionName, string method, HttpTriggerBinding trigger)
    {
        var doc = ApiDocs.For(functionName);
        w.WriteStartObject(method);
        w.WriteString("operationId", functionName);
        w.WriteString("summary", doc.Summary);
        w.WriteStartArray("tags");
        w.WriteStringValue(doc.Tag);
        w.WriteEndArray();

        w.WriteStartArray("parameters");
        foreach (Match m in RouteParameter().Matches(trigger.Route))
        {
            WriteParameter(w, m.Groups["name"].Value, "path", "Path parameter.", required: true, "string");
        }

        foreach (var p in doc.Query)
        {
            WriteParameter(w, p.Name, "query", p.Description, p.Required, p.Type);
        }

        w.WriteEndArray();

        if (doc.RequestBody is not null)
        {
            w.WriteStartObject("requestBody");
            w.WriteString("description", doc.RequestBody);
            w.WriteBoolean("required", true);
            w.WriteStartObject("content");
            w.WriteStartObject("application/json");
            w.WriteStartObject("schema");
            w.WriteString("type", "object");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteStartObject("responses");
        var responses = new SortedDictionary<int, string>(doc.Responses.ToDictionary());
        if (trigger.AuthLevel != "anonymous")
        {
            responses.TryAdd(401, "No key, or a wrong one.");
        }

        foreach (var (status, description) in responses)
        {
            w.WriteStartObject(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("description", description);
            if (status >= 400)
            {
                w.WriteStartObject("content");
                w.WriteStartObject("application/problem+json");
                w.WriteStartObject("schema");
                w.WriteString("$ref", "#/components/schemas/Problem");
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();

        if (trigger.AuthLevel != "anonymous")
        {
            w.WriteStartArray("security");
            foreach (var scheme in new[] { "functionKey", "functionKeyQuery" })
            {
                w.WriteStartObject();
                w.WriteStartArray(scheme);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("x-auth-level", trigger.AuthLevel);
        }

        w.WriteEndObject();
    }

    private static void WriteParameter(Utf8JsonWriter w, string name, string location, string description, bool required, string type)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("in", location);
        w.WriteString("description", description);
        w.WriteBoolean("required", required);
        w.WriteStartObject("schema");
        w.WriteString("type", type);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteKeyScheme(Utf8JsonWriter w, string id, string location, string name)
    {
        w.WriteStartObject(id);
        w.WriteString("type", "apiKey");
        w.WriteString("in", location);
        w.WriteString("name", name);
        w.WriteEndObject();
    }

    private static string StripConstraints(string route) => RouteParameter().Replace(route, m => "{" + m.Groups["name"].Value + "}");

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?\??\}")]
    private static partial Regex RouteParameter();
}
