using System.Text.Json;
using System.Text.Json.Serialization;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>How an <see cref="Alert"/> is stored in the outbox and the log (not the wire format: see the formatters).</summary>
internal static class AlertJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(Alert alert) => JsonSerializer.Serialize(alert, Options);

    public static Alert Deserialize(string json) =>
        JsonSerializer.Deserialize<Alert>(json, Options) ?? throw new InvalidOperationException("A stored alert was empty.");

    public static string SerializeCounts(ThrottleCounts counts) => JsonSerializer.Serialize(counts, Options);

    public static ThrottleCounts DeserializeCounts(string? json) =>
        string.IsNullOrEmpty(json) ? new ThrottleCounts() : JsonSerializer.Deserialize<ThrottleCounts>(json, Options) ?? new ThrottleCounts();
}
