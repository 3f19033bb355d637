using System.Text.Encodings.Web;
using System.Text.Json;
using PredictiveMigration.Durable.Logging;

namespace PredictiveMigration.Durable;

/// <summary>Settings shared by the executor and the routes.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>
    /// How inputs, outputs, event payloads and custom status are (de)serialized.
    /// Default: <see cref="JsonSerializerDefaults.Web"/> (camelCase, case-insensitive reads) with relaxed escaping
    /// (payloads go into protobuf and table storage, never into HTML, so <c>'</c>, <c>+</c> and non-ASCII letters stay
    /// readable in the history; control characters are still escaped).
    /// Changing it for running orchestrations changes what replay reads, so treat it as part of the contract.
    /// </summary>
    public JsonSerializerOptions SerializerOptions { get; init; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Where orchestrator and activity logs go. Default: nowhere.</summary>
    public IDurableLogSink? LogSink { get; init; }

    /// <summary>Whether failure details sent to the history include stack traces. Default: <see langword="true"/>.</summary>
    public bool IncludeStackTraces { get; init; } = true;
}
