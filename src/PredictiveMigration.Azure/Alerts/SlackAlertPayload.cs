using System.Globalization;
using System.Text;
using System.Text.Json;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>
/// A Slack incoming-webhook message: <c>text</c> (the notification fallback) and Block Kit <c>blocks</c>
/// (header, section, fact fields, context). Slack's limits are respected: header 150 characters, section text 3000,
/// at most 10 fields per section. <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are escaped as Slack requires.
/// </summary>
public static class SlackAlertPayload
{
    public const int MaxHeaderLength = 150;
    public const int MaxSectionTextLength = 3000;
    public const int MaxFieldsPerSection = 10;

    public static byte[] Render(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", Escape($"[{alert.Severity}] {alert.Title}"));
            json.WriteStartArray("blocks");

            json.WriteStartObject();
            json.WriteString("type", "header");
            Text(json, "plain_text", Cut(alert.Title, MaxHeaderLength));
            json.WriteEndObject();

            if (!string.IsNullOrEmpty(alert.Text))
            {
                json.WriteStartObject();
                json.WriteString("type", "section");
                Text(json, "mrkdwn", Cut(Escape(alert.Text), MaxSectionTextLength));
                json.WriteEndObject();
            }

            foreach (var chunk in alert.Facts.Chunk(MaxFieldsPerSection))
            {
                json.WriteStartObject();
                json.WriteString("type", "section");
                json.WriteStartArray("fields");
                foreach (var fact in chunk)
                {
                    json.WriteStartObject();
                    json.WriteString("type", "mrkdwn");
                    json.WriteString("text", $"*{Escape(fact.Name)}*\n{Escape(fact.Value)}");
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            var context = new StringBuilder();
            context.Append(alert.Severity switch
            {
                AlertSeverity.Critical => ":red_circle: ",
                AlertSeverity.Warning => ":large_orange_circle: ",
                _ => ":large_blue_circle: ",
            });
            context.Append(CultureInfo.InvariantCulture, $"{alert.Severity} · {alert.Kind} · {alert.OccurredAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
            if (alert.Link is not null)
            {
                context.Append(CultureInfo.InvariantCulture, $" · <{alert.Link.AbsoluteUri}|Open in PredictiveMigration>");
            }

            json.WriteStartObject();
            json.WriteString("type", "context");
            json.WriteStartArray("elements");
            json.WriteStartObject();
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", context.ToString());
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Slack's control characters in text: &amp;, &lt;, &gt;.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static void Text(Utf8JsonWriter json, string type, string text)
    {
        json.WriteStartObject("text");
        json.WriteString("type", type);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
