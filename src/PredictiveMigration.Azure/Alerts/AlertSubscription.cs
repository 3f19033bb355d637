using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>A validated webhook subscription (see <see cref="AlertSubscriptionOptions"/> for the settings).</summary>
public sealed record AlertSubscription(
    string Name,
    Uri Url,
    AlertFormat Format,
    IReadOnlySet<AlertKind> Kinds,
    AlertSeverity MinSeverity,
    string? Secret,
    int RateLimitCount,
    TimeSpan RateLimitWindow,
    TimeSpan RequestTimeout)
{
    /// <summary>True when this subscription wants the alert (kind and severity filters). Throttle summaries are
    /// addressed to one subscription directly and never pass through here.</summary>
    public bool Wants(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Kind != AlertKind.ThrottleSummary
            && (Kinds.Count == 0 || Kinds.Contains(alert.Kind))
            && alert.Severity >= MinSeverity;
    }

    /// <summary>The URL without path or query, safe to log (Teams and Slack URLs carry secrets in the path or query).</summary>
    public string SafeUrl => Url.GetLeftPart(UriPartial.Authority);
}
