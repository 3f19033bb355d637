using System.Globalization;
using System.Text.Json;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>
/// A Microsoft Teams message carrying one Adaptive Card (version 1.4): the body shape that Teams incoming webhooks
/// (Workflows "When a Teams webhook request is received", and the older connector webhooks) accept.
/// </summary>
public static class TeamsAlertPayload
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";

    public static byte[] Render(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "message");
            json.WriteStartArray("attachments");
            json.WriteStartObject();
            json.WriteString("contentType", CardContentType);
            json.WriteNull("contentUrl");
            json.WriteStartObject("content");
            json.WriteString("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
            json.WriteString("type", "AdaptiveCard");
            json.WriteString("version", "1.4");
            json.WriteStartArray("body");

            TextBlock(json, alert.Title, weight: "Bolder", size: "Medium", color: alert.Severity switch
            {
                AlertSeverity.Critical => "Attention",
                AlertSeverity.Warning => "Warning",
                _ => "Default",
            });
            if (!string.IsNullOrEmpty(alert.Text))
            {
                TextBlock(json, alert.Text);
            }

            if (alert.Facts.Count > 0)
            {
                json.WriteStartObject();
                json.WriteString("type", "FactSet");
                json.WriteStartArray("facts");
                foreach (var fact in alert.Facts)
                {
                    json.WriteStartObject();
                    json.WriteString("title", fact.Name);
                    json.WriteString("value", fact.Value);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            var footer = string.Create(CultureInfo.InvariantCulture,
                $"{alert.Severity} · {alert.Kind} · {alert.OccurredAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
            TextBlock(json, footer, size: "Small", subtle: true);
            json.WriteEndArray();

            if (alert.Link is not null)
            {
                json.WriteStartArray("actions");
                json.WriteStartObject();
                json.WriteString("type", "Action.OpenUrl");
                json.WriteString("title", "Open in PredictiveMigration");
                json.WriteString("url", alert.Link.AbsoluteUri);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void TextBlock(Utf8JsonWriter json, string text, string? weight = null, string? size = null, string? color = null, bool subtle = false)
    {
        json.WriteStartObject();
        json.WriteString("type", "TextBlock");
        json.WriteString("text", text);
        json.WriteBoolean("wrap", true);
        if (weight is not null)
        {
            json.WriteString("weight", weight);
        }

        if (size is not null)
        {
            json.WriteString("size", size);
        }

        if (color is not null)
        {
            json.WriteString("color", color);
        }

        if (subtle)
        {
            json.WriteBoolean("isSubtle", true);
        }

        json.WriteEndObject();
    }
}
