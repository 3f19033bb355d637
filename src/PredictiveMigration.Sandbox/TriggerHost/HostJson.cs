using System.Globalization;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// The serialization rules of the Functions host (PROTOCOL.md §0): values are written by Newtonsoft, which escapes
/// only quotes, backslashes and control characters, and dates as ISO-8601 with trailing zeros of the fraction cut.
/// </summary>
internal static class HostJson
{
    /// <summary>Like Newtonsoft's defaults: no HTML-safe escaping.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A UTC date as Newtonsoft writes a <c>DateTime</c> of kind UTC: <c>2026-01-05T00:00:00.123Z</c>.</summary>
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>§0: a string, number, bool or array travels as a JSON string holding the value's JSON text.</summary>
    public static string Encode<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, Options);
}
