namespace PredictiveMigration.Azure.Alerts;

/// <summary>
/// One webhook, bound from <c>Alerts:Subscriptions:{name}</c> (app settings: <c>Alerts__Subscriptions__{name}__Url</c>, …).
/// Validated into an <see cref="AlertSubscription"/> at start-up.
/// </summary>
public sealed class AlertSubscriptionOptions
{
    /// <summary>The webhook URL (absolute http or https). Required.</summary>
    public string? Url { get; set; }

    /// <summary><c>generic</c> (default), <c>teams</c> or <c>slack</c>.</summary>
    public string? Format { get; set; }

    /// <summary>Comma-separated alert kinds to send (or a JSON array), e.g. <c>HighRisk,MigrationFailed</c>. Empty: every kind.</summary>
    public string? Kinds { get; set; }

    /// <summary><c>info</c> (default), <c>warning</c> or <c>critical</c>: alerts below it are not sent.</summary>
    public string? MinSeverity { get; set; }

    /// <summary>Generic format only: when set, each request carries <c>X-PM-Signature</c>, an HMAC-SHA256 under this secret. At least 16 characters.</summary>
    public string? Secret { get; set; }

    /// <summary>Overrides <see cref="AlertOptions.RateLimitCount"/> for this subscription.</summary>
    public int? RateLimitCount { get; set; }

    /// <summary>Overrides <see cref="AlertOptions.RateLimitWindow"/> for this subscription.</summary>
    public TimeSpan? RateLimitWindow { get; set; }

    /// <summary>Overrides <see cref="AlertOptions.RequestTimeout"/> for this subscription.</summary>
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>False switches the subscription off without deleting it. Default true.</summary>
    public bool Enabled { get; set; } = true;
}
