using System.Globalization;
using PredictiveMigration.Domain.Forecasting;

namespace PredictiveMigration.Domain.Alerts;

/// <summary>
/// One operator alert. <see cref="Id"/> names this occurrence (publishing the same id twice delivers it once);
/// <see cref="DedupKey"/> names what it is about (another alert with the same key inside the de-duplication window
/// is not delivered). Build them with the factory methods, which derive both deterministically from their inputs
/// so that a retried activity publishes the same alert.
/// </summary>
/// <param name="Id">Unique, deterministic id of this occurrence (letters, digits and <c>.:_@-</c>; at most 200).</param>
/// <param name="DedupKey">What this alert is about, e.g. <c>high-risk:web-01</c> (same rules as the id).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="ServerId">The server concerned; null only for <see cref="AlertKind.ThrottleSummary"/>.</param>
/// <param name="MigrationId">The migration concerned, for migration kinds.</param>
/// <param name="Title">One line in operator words (at most 200 characters).</param>
/// <param name="Text">What happened and what to do, in operator words (at most 2000 characters).</param>
/// <param name="Facts">Name/value lines (at most 15; names up to 100, values up to 500 characters).</param>
/// <param name="Link">Where to look (the dashboard page), absolute http(s); optional.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record Alert(
    string Id,
    string DedupKey,
    AlertKind Kind,
    AlertSeverity Severity,
    string? ServerId,
    string? MigrationId,
    string Title,
    string Text,
    IReadOnlyList<AlertFact> Facts,
    Uri? Link,
    DateTimeOffset OccurredAt)
{
    public const int MaxKeyLength = 200;
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 2000;
    public const int MaxFacts = 15;
    public const int MaxFactNameLength = 100;
    public const int MaxFactValueLength = 500;

    /// <summary>The risk score from which a high-risk alert is <see cref="AlertSeverity.Critical"/> rather than a warning.</summary>
    public const int CriticalRiskScore = 90;

    /// <summary>A high-risk alert from a risk assessment. One per server per assessment; the dedup key is per server.</summary>
    public static Alert HighRisk(RiskAssessment assessment, Uri? link = null)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var server = assessment.ServerId;
        var reasons = assessment.Reasons.Select(r => r.Text).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        var text = reasons.Count == 0
            ? $"{server} has a risk score of {assessment.Score} out of 100."
            : $"{server} has a risk score of {assessment.Score} out of 100: {string.Join("; ", reasons)}.";
        var facts = new List<AlertFact>
        {
            new("Server", server),
            new("Risk score", assessment.Score.ToString(CultureInfo.InvariantCulture)),
            new("Assessed at", Stamp(assessment.AssessedAt)),
            new("Model", assessment.ModelVersion),
        };
        return new Alert(
            Key($"high-risk:{KeyPart(server)}:{Compact(assessment.AssessedAt)}"),
            Key($"high-risk:{KeyPart(server)}"),
            AlertKind.HighRisk,
            assessment.Score >= CriticalRiskScore ? AlertSeverity.Critical : AlertSeverity.Warning,
            server,
            null,
            Truncate($"{server} is at high risk (score {assessment.Score})", MaxTitleLength),
            Truncate(text, MaxTextLength),
            facts,
            link,
            assessment.AssessedAt);
    }

    /// <summary>
    /// A high-risk alert for a server entering a risk band: like <see cref="HighRisk(RiskAssessment, Uri?)"/> (same id, one
    /// per server per assessment), but the dedup key names what it is about,
    /// <c>high-risk:{server}:{resource}:{band}</c>, and <paramref name="facts"/> follow the standard ones (up to
    /// <see cref="MaxFacts"/> in all).
    /// </summary>
    /// <param name="resource">The resource at risk (e.g. <c>memory</c>), or a word such as <c>health</c> when no resource is.</param>
    /// <param name="band">The risk band entered (e.g. <c>high</c>, <c>critical</c>).</param>
    public static Alert HighRisk(RiskAssessment assessment, string resource, string band, IReadOnlyList<AlertFact> facts, Uri? link = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        ArgumentException.ThrowIfNullOrWhiteSpace(band);
        ArgumentNullException.ThrowIfNull(facts);
        var alert = HighRisk(assessment, link);
        return alert with
        {
            DedupKey = Key($"high-risk:{KeyPart(assessment.ServerId)}:{KeyPart(resource)}:{KeyPart(band)}"),
            Facts = [.. alert.Facts.Concat(facts).Take(MaxFacts)],
        };
    }

    /// <summary>
    /// A migration lifecycle alert (<see cref="AlertKind.MigrationStarted"/>, <see cref="AlertKind.MigrationCompleted"/>,
    /// <see cref="AlertKind.MigrationRolledBack"/> or <see cref="AlertKind.MigrationFailed"/>). One per migration and kind.
    /// </summary>
    /// <param name="detail">What to tell the operator beyond the title: strategy and target, or the rollback/failure reason.</param>
    public static Alert Migration(AlertKind kind, string migrationId, string serverId, DateTimeOffset occurredAt, string detail, IReadOnlyList<AlertFact>? facts = null, Uri? link = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(migrationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(serverId);
        var (slug, verb, severity) = kind switch
        {
            AlertKind.MigrationStarted => ("migration-started", "started", AlertSeverity.Info),
            AlertKind.MigrationCompleted => ("migration-completed", "completed", AlertSeverity.Info),
            AlertKind.MigrationRolledBack => ("migration-rolled-back", "was rolled back", AlertSeverity.Warning),
            AlertKind.MigrationFailed => ("migration-failed", "failed and needs an operator", AlertSeverity.Critical),
            _ => throw new ArgumentException($"{kind} is not a migration alert kind.", nameof(kind)),
        };
        var allFacts = new List<AlertFact> { new("Server", serverId), new("Migration", migrationId) };
        allFacts.AddRange(facts ?? []);
        return new Alert(
            Key($"{slug}:{KeyPart(migrationId)}"),
            Key($"{slug}:{KeyPart(migrationId)}"),
            kind,
            severity,
            serverId,
            migrationId,
            Truncate($"Migration of {serverId} {verb}", MaxTitleLength),
            Truncate(string.IsNullOrWhiteSpace(detail) ? $"Migration {migrationId} of {serverId} {verb}." : detail, MaxTextLength),
            allFacts,
            link,
            occurredAt);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        CheckKey(Id, nameof(Id));
        CheckKey(DedupKey, nameof(DedupKey));
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentException($"Alert.{nameof(Kind)} {(int)Kind} is not a known alert kind.", nameof(Kind));
        }

        if (!Enum.IsDefined(Severity))
        {
            throw new ArgumentException($"Alert.{nameof(Severity)} {(int)Severity} is not a known severity.", nameof(Severity));
        }

        if (ServerId is null)
        {
            if (Kind != AlertKind.ThrottleSummary)
            {
                throw new ArgumentException($"Alert.{nameof(ServerId)} is required for a {Kind} alert.", nameof(ServerId));
            }
        }
        else
        {
            CheckKey(ServerId, nameof(ServerId));
        }

        if (Kind is AlertKind.MigrationStarted or AlertKind.MigrationCompleted or AlertKind.MigrationRolledBack or AlertKind.MigrationFailed
            && string.IsNullOrWhiteSpace(MigrationId))
        {
            throw new ArgumentException($"Alert.{nameof(MigrationId)} is required for a {Kind} alert.", nameof(MigrationId));
        }

        CheckText(Title, nameof(Title), MaxTitleLength, required: true);
        CheckText(Text, nameof(Text), MaxTextLength, required: false);
        if (Facts is null)
        {
            throw new ArgumentException($"Alert.{nameof(Facts)} must not be null (use an empty list).", nameof(Facts));
        }

        if (Facts.Count > MaxFacts)
        {
            throw new ArgumentException($"Alert.{nameof(Facts)} has {Facts.Count} entries; at most {MaxFacts} are allowed.", nameof(Facts));
        }

        for (var i = 0; i < Facts.Count; i++)
        {
            CheckText(Facts[i]?.Name, $"{nameof(Facts)}[{i}].Name", MaxFactNameLength, required: true);
            CheckText(Facts[i]!.Value, $"{nameof(Facts)}[{i}].Value", MaxFactValueLength, required: false);
        }

        if (Link is not null && (!Link.IsAbsoluteUri || (Link.Scheme != Uri.UriSchemeHttp && Link.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException($"Alert.{nameof(Link)} must be an absolute http(s) URL; was '{Link}'.", nameof(Link));
        }

        if (OccurredAt == default)
        {
            throw new ArgumentException($"Alert.{nameof(OccurredAt)} is not set.", nameof(OccurredAt));
        }
    }

    /// <summary>True for the characters allowed in <see cref="Id"/> and <see cref="DedupKey"/>.</summary>
    public static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or ':' or '_' or '@' or '-';

    private static void CheckKey(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"Alert.{field} is required.", field);
        }

        if (value.Length > MaxKeyLength)
        {
            throw new ArgumentException($"Alert.{field} is {value.Length} characters long; at most {MaxKeyLength} are allowed.", field);
        }

        var bad = value.FirstOrDefault(c => !IsKeyChar(c));
        if (bad != default)
        {
            throw new ArgumentException($"Alert.{field} '{value}' contains '{bad}'; only letters, digits and .:_@- are allowed.", field);
        }
    }

    private static void CheckText(string? value, string field, int max, bool required)
    {
        if (value is null || (required && string.IsNullOrWhiteSpace(value)))
        {
            throw new ArgumentException($"Alert.{field} is required.", field);
        }

        if (value.Length > max)
        {
            throw new ArgumentException($"Alert.{field} is {value.Length} characters long; at most {max} are allowed.", field);
        }
    }

    /// <summary>Keeps allowed characters and writes any other as <c>_xxxx</c> (its UTF-16 code in hex).</summary>
    private static string KeyPart(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (IsKeyChar(c) && c != '_')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('_').Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>A key that fits <see cref="MaxKeyLength"/>: too long ones keep a prefix and end in a hash of the whole.</summary>
    private static string Key(string value)
    {
        if (value.Length <= MaxKeyLength)
        {
            return value;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)))[..32];
        return string.Concat(value.AsSpan(0, MaxKeyLength - 33), "@", hash);
    }

    private static string Compact(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Truncate(string value, int max) => value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");
}
