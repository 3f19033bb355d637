using System.Globalization;
using System.Text;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>The alert that tells one subscription what throttling held back from it in one window.</summary>
internal static class ThrottleSummaryAlert
{
    public static Alert Build(string subscription, DateTimeOffset windowStart, DateTimeOffset windowEnd, int suppressed, ThrottleCounts counts)
    {
        var id = $"throttle-summary:{subscription}:{windowStart.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Between {windowStart.UtcDateTime:yyyy-MM-dd HH:mm} and {windowEnd.UtcDateTime:HH:mm} UTC, {suppressed} alert{(suppressed == 1 ? " was" : "s were")} not sent to this webhook: ");
        text.Append(Join(counts.Reasons));
        text.Append(". They are all in the alert log.");
        var facts = new List<AlertFact>
        {
            new("Suppressed", suppressed.ToString(CultureInfo.InvariantCulture)),
            new("Window", string.Create(CultureInfo.InvariantCulture, $"{windowStart.UtcDateTime:yyyy-MM-dd HH:mm}–{windowEnd.UtcDateTime:HH:mm} UTC")),
            new("By kind", Join(counts.Kinds)),
        };
        if (counts.Servers.Count > 0)
        {
            var servers = Join(counts.Servers) + (counts.OtherServers > 0 ? string.Create(CultureInfo.InvariantCulture, $", others {counts.OtherServers}") : string.Empty);
            facts.Add(new AlertFact("By server", Cut(servers, Alert.MaxFactValueLength)));
        }

        return new Alert(
            id,
            id,
            AlertKind.ThrottleSummary,
            AlertSeverity.Warning,
            null,
            null,
            $"{suppressed} alert{(suppressed == 1 ? " was" : "s were")} held back from '{subscription}' by throttling",
            Cut(text.ToString(), Alert.MaxTextLength),
            facts,
            null,
            windowEnd);
    }

    private static string Join(Dictionary<string, int> counts) =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")));

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
