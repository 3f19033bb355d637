using System.Globalization;
using Microsoft.Extensions.Configuration;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>
/// Alerting settings, bound from the <c>Alerts</c> configuration section (app settings <c>Alerts__…</c>). Every
/// default is documented here and in docs/alerts.md; <see cref="Validate"/> fails fast with a message naming the setting.
/// </summary>
public sealed class AlertOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Alerts";

    /// <summary>Azure Table holding the outbox, the alert log, dead letters and throttle state. Default <c>Alerts</c>.</summary>
    public string Table { get; set; } = "Alerts";

    /// <summary>An alert whose dedup key was accepted less than this long ago is not delivered again. Default 30 minutes.</summary>
    public TimeSpan DedupWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>At most this many alerts per subscription per <see cref="RateLimitWindow"/>; the rest are counted and summarised. Default 20.</summary>
    public int RateLimitCount { get; set; } = 20;

    /// <summary>The fixed window of the per-subscription rate limit. Default 15 minutes.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>At most this many high-risk alerts per server per <see cref="HighRiskPerServerWindow"/>, so a flapping server does not spam. Default 3.</summary>
    public int HighRiskPerServerCount { get; set; } = 3;

    /// <summary>The fixed window of the per-server high-risk cap. Default 6 hours.</summary>
    public TimeSpan HighRiskPerServerWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>HTTP attempts per delivery before it is dead-lettered. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Backoff before the second attempt; doubles each time, with jitter (×0.5–1.0). Default 10 seconds.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The backoff never exceeds this. Default 15 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A receiver's Retry-After (on 429/503) is honoured up to this. Default 1 hour.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one HTTP attempt may take before it counts as failed. Default 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the background worker looks for due deliveries when nothing wakes it. Default 5 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries taken per pass. Default 50.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>HTTP attempts in flight at once, so one slow receiver does not hold up the others. Default 8.</summary>
    public int MaxParallelDeliveries { get; set; } = 8;

    /// <summary>Run the delivery worker as a hosted background service. Set false to drive
    /// <see cref="AlertDeliveryWorker.RunOnceAsync"/> from a timer function instead. Default true.</summary>
    public bool BackgroundDelivery { get; set; } = true;

    /// <summary>How many days back the alert log is read. Default 7.</summary>
    public int LogLookbackDays { get; set; } = 7;

    /// <summary>The webhooks, by name (letters, digits, <c>-</c> and <c>_</c>; at most 40).</summary>
    public Dictionary<string, AlertSubscriptionOptions> Subscriptions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Binds the <c>Alerts</c> section (or defaults when it is absent) and validates it.</summary>
    public static AlertOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var options = new AlertOptions();
        section.Bind(options);
        // Subscriptions are read by hand: Kinds may be a comma-separated value or a JSON array, and a bad number
        // or duration should name its setting.
        options.Subscriptions.Clear();
        foreach (var child in section.GetSection("Subscriptions").GetChildren())
        {
            var prefix = $"Alerts:Subscriptions:{child.Key}";
            var kinds = child.GetSection("Kinds");
            options.Subscriptions[child.Key] = new AlertSubscriptionOptions
            {
                Url = child["Url"],
                Format = child["Format"],
                Kinds = kinds.Value ?? string.Join(',', kinds.GetChildren().Select(c => c.Value)),
                MinSeverity = child["MinSeverity"],
                Secret = child["Secret"],
                RateLimitCount = ParseOptional<int>(child["RateLimitCount"], $"{prefix}:RateLimitCount", "a whole number", s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null),
                RateLimitWindow = ParseOptional(child["RateLimitWindow"], $"{prefix}:RateLimitWindow", "a duration like 00:15:00", ParseSpan),
                RequestTimeout = ParseOptional(child["RequestTimeout"], $"{prefix}:RequestTimeout", "a duration like 00:00:10", ParseSpan),
                Enabled = ParseOptional<bool>(child["Enabled"], $"{prefix}:Enabled", "true or false", s => bool.TryParse(s, out var v) ? v : null) ?? true,
            };
        }

        return options;
    }

    /// <summary>Checks every setting and returns the validated subscriptions. Throws <see cref="InvalidOperationException"/>
    /// naming the setting (e.g. <c>Alerts:Subscriptions:ops:Url</c>).</summary>
    public IReadOnlyList<AlertSubscription> Validate()
    {
        if (string.IsNullOrEmpty(Table) || Table.Length is < 3 or > 63 || !char.IsAsciiLetter(Table[0]) || !Table.All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidOperationException($"Alerts:Table must be a valid table name (3-63 letters or digits, starting with a letter); was '{Table}'.");
        }

        Positive(DedupWindow, "DedupWindow", TimeSpan.FromDays(7), allowZero: true);
        Between(RateLimitCount, "RateLimitCount", 1, 100_000);
        Positive(RateLimitWindow, "RateLimitWindow", TimeSpan.FromDays(1));
        Between(HighRiskPerServerCount, "HighRiskPerServerCount", 1, 100_000);
        Positive(HighRiskPerServerWindow, "HighRiskPerServerWindow", TimeSpan.FromDays(7));
        Between(MaxAttempts, "MaxAttempts", 1, 100);
        Positive(BaseRetryDelay, "BaseRetryDelay", TimeSpan.FromHours(1));
        Positive(MaxRetryDelay, "MaxRetryDelay", TimeSpan.FromDays(1));
        if (MaxRetryDelay < BaseRetryDelay)
        {
            throw new InvalidOperationException($"Alerts:MaxRetryDelay ({MaxRetryDelay}) must not be shorter than Alerts:BaseRetryDelay ({BaseRetryDelay}).");
        }

        Positive(MaxRetryAfter, "MaxRetryAfter", TimeSpan.FromDays(1));
        Positive(RequestTimeout, "RequestTimeout", TimeSpan.FromMinutes(5));
        Positive(PollInterval, "PollInterval", TimeSpan.FromHours(1));
        Between(BatchSize, "BatchSize", 1, 1000);
        Between(MaxParallelDeliveries, "MaxParallelDeliveries", 1, 256);
        Between(LogLookbackDays, "LogLookbackDays", 1, 366);

        var result = new List<AlertSubscription>();
        foreach (var (name, options) in Subscriptions.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var subscription = ValidateSubscription(name, options);
            if (subscription is not null)
            {
                result.Add(subscription);
            }
        }

        return result;
    }

    private AlertSubscription? ValidateSubscription(string name, AlertSubscriptionOptions options)
    {
        var prefix = $"Alerts:Subscriptions:{name}";
        if (name.Length is < 1 or > 40 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new InvalidOperationException($"{prefix}: the subscription name must be 1-40 letters, digits, '-' or '_'.");
        }

        if (!options.Enabled)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(options.Url))
        {
            throw new InvalidOperationException($"{prefix}:Url is required (the webhook URL).");
        }

        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{prefix}:Url must be an absolute http or https URL; was '{Redact(options.Url)}'.");
        }

        var format = (options.Format ?? "generic").Trim().ToLowerInvariant() switch
        {
            "" or "generic" or "json" => AlertFormat.Generic,
            "teams" => AlertFormat.Teams,
            "slack" => AlertFormat.Slack,
            _ => throw new InvalidOperationException($"{prefix}:Format must be generic, teams or slack; was '{options.Format}'."),
        };

        var kinds = new HashSet<AlertKind>();
        foreach (var part in (options.Kinds ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<AlertKind>(part, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(part, out _) || kind == AlertKind.ThrottleSummary)
            {
                throw new InvalidOperationException(
                    $"{prefix}:Kinds has '{part}', not an alert kind; use a comma-separated list of HighRisk, MigrationStarted, MigrationCompleted, MigrationRolledBack, MigrationFailed.");
            }

            kinds.Add(kind);
        }

        var minSeverity = AlertSeverity.Info;
        if (!string.IsNullOrWhiteSpace(options.MinSeverity)
            && (!Enum.TryParse(options.MinSeverity.Trim(), ignoreCase: true, out minSeverity) || !Enum.IsDefined(minSeverity) || int.TryParse(options.MinSeverity, out _)))
        {
            throw new InvalidOperationException($"{prefix}:MinSeverity must be info, warning or critical; was '{options.MinSeverity}'.");
        }

        if (options.Secret is not null)
        {
            if (format != AlertFormat.Generic)
            {
                throw new InvalidOperationException($"{prefix}:Secret is only used with Format=generic (Teams and Slack webhooks carry their secret in the URL); remove it or change the format.");
            }

            if (options.Secret.Length < 16)
            {
                throw new InvalidOperationException($"{prefix}:Secret must be at least 16 characters.");
            }
        }

        var rateCount = options.RateLimitCount ?? RateLimitCount;
        Between(rateCount, $"Subscriptions:{name}:RateLimitCount", 1, 100_000);
        var rateWindow = options.RateLimitWindow ?? RateLimitWindow;
        Positive(rateWindow, $"Subscriptions:{name}:RateLimitWindow", TimeSpan.FromDays(1));
        var timeout = options.RequestTimeout ?? RequestTimeout;
        Positive(timeout, $"Subscriptions:{name}:RequestTimeout", TimeSpan.FromMinutes(5));
        return new AlertSubscription(name, url, format, kinds, minSeverity, options.Secret, rateCount, rateWindow, timeout);
    }

    private static T? ParseOptional<T>(string? value, string name, string expected, Func<string, T?> parse)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return parse(value.Trim()) ?? throw new InvalidOperationException($"{name} must be {expected}; was '{value}'.");
    }

    private static TimeSpan? ParseSpan(string value) => TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : null;

    private static string Redact(string url) => url.Length <= 24 ? url : string.Concat(url.AsSpan(0, 24), "…");

    private static void Between(int value, string name, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new InvalidOperationException($"Alerts:{name} must be between {min} and {max} (was {value}).");
        }
    }

    private static void Positive(TimeSpan value, string name, TimeSpan max, bool allowZero = false)
    {
        if ((allowZero ? value < TimeSpan.Zero : value <= TimeSpan.Zero) || value > max)
        {
            throw new InvalidOperationException($"Alerts:{name} must be {(allowZero ? "at least 0" : "more than 0")} and at most {max} (was {value}).");
        }
    }
}
