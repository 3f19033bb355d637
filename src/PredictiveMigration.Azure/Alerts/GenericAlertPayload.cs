using System.Globalization;
using System.Text.Json;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>
/// The generic webhook body, schema <c>predictive-migration.alert</c> version <see cref="Version"/> (docs/alerts.md):
/// every field of the alert, enums in camelCase, times in ISO 8601 UTC. New fields may be added within a version;
/// a removed or changed field bumps it.
/// </summary>
public static class GenericAlertPayload
{
    public const string Schema = "predictive-migration.alert";
    public const int Version = 1;

    public static byte[] Render(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteNumber("version", Version);
            json.WriteString("id", alert.Id);
            json.WriteString("dedupKey", alert.DedupKey);
            json.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(alert.Kind.ToString()));
            json.WriteString("severity", JsonNamingPolicy.CamelCase.ConvertName(alert.Severity.ToString()));
            WriteNullable(json, "serverId", alert.ServerId);
            WriteNullable(json, "migrationId", alert.MigrationId);
            json.WriteString("title", alert.Title);
            json.WriteString("text", alert.Text);
            json.WriteStartArray("facts");
            foreach (var fact in alert.Facts)
            {
                json.WriteStartObject();
                json.WriteString("name", fact.Name);
                json.WriteString("value", fact.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteNullable(json, "link", alert.Link?.AbsoluteUri);
            json.WriteString("occurredAt", alert.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
