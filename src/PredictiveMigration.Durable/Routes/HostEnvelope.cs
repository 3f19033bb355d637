using System.Text.Encodings.Web;
using System.Text.Json;

namespace PredictiveMigration.Durable.Routes;

/// <summary>
/// Reads the Functions host's request envelope <c>{"Data":{...},"Metadata":{...}}</c> (PROTOCOL.md §0, §1.2).
/// The host JSON-encodes every string, number and array value once more ("double encoding"); this is the one
/// place that undoes it.
/// </summary>
internal static class HostEnvelope
{
    /// <summary>How we write JSON for the host: compact, and without HTML-style escaping of quotes and the like.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// <c>Data.&lt;bindingName&gt;</c>. Property names are matched case-insensitively; when the binding name is not
    /// found and Data holds exactly one entry, that entry is used.
    /// </summary>
    public static JsonElement GetData(JsonElement root, string bindingName)
    {
        if (root.ValueKind != JsonValueKind.Object || !TryGetProperty(root, "Data", out JsonElement data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The request body is not a Functions host envelope: it has no \"Data\" object.");
        }

        if (TryGetProperty(data, bindingName, out JsonElement value))
        {
            return value;
        }

        using JsonElement.ObjectEnumerator entries = data.EnumerateObject();
        JsonProperty[] all = [.. entries];
        return all.Length == 1
            ? all[0].Value
            : throw new FormatException($"The request envelope has no Data.{bindingName}.");
    }

    /// <summary><c>Metadata.&lt;key&gt;</c> as a string, with the double encoding removed; null when absent.</summary>
    public static string? GetMetadataString(JsonElement root, string key)
    {
        if (!TryGetProperty(root, "Metadata", out JsonElement metadata)
            || metadata.ValueKind != JsonValueKind.Object
            || !TryGetProperty(metadata, key, out JsonElement value)
            || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return DecodeOnce(value.GetString()!) is { ValueKind: JsonValueKind.String } decoded ? decoded.GetString() : value.GetString();
    }

    /// <summary>
    /// Undoes one level of the host's encoding: the host wrote <c>JsonConvert.SerializeObject(value)</c>, so a
    /// value that parses as JSON is returned parsed; anything else is kept as it is (the §0 "practical rule").
    /// </summary>
    public static JsonElement? DecodeOnce(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.TryGetProperty(name, out value))
        {
            return true;
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
