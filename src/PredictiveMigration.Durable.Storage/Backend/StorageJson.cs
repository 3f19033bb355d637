using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>How the backend writes its own JSON (queue messages, outboxes, failure details in rows).</summary>
internal static class StorageJson
{
    /// <summary>camelCase, enums as names, nulls left out, no HTML escaping.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
