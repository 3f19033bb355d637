using System.Globalization;

namespace PredictiveMigration.Functions.Alerts;

/// <summary>
/// How the app raises alerts (read from the <c>Alerts</c> section, beside the delivery settings of <c>AddAlerts</c>).
/// Every default is documented here and in docs/alerts.md; <see cref="FromConfiguration"/> fails fast naming the setting.
/// </summary>
public sealed class AlertPublishingOptions
{
    /// <summary>
    /// <c>Alerts:DashboardUrl</c>: the dashboard's absolute URL (e.g. <c>https://func-pm.azurewebsites.net/api/dashboard/</c>);
    /// alerts link to <c>{url}#/servers/{id}</c> and <c>{url}#/migrations/{id}</c>. Default none: alerts carry no link.
    /// </summary>
    public Uri? DashboardUrl { get; init; }

    /// <summary><c>Alerts:PublishHighRisk</c>: raise <c>HighRisk</c> alerts after each forecasting run. Default true.</summary>
    public bool PublishHighRisk { get; init; } = true;

    /// <summary><c>Alerts:PublishMigrations</c>: raise migration started / completed / rolled back / failed alerts. Default true.</summary>
    public bool PublishMigrations { get; init; } = true;

    /// <summary>
    /// <c>Alerts:HighRiskRearmAfter</c>: a server whose previous assessment is older than this (it stopped reporting)
    /// alerts again when it comes back at risk, even in the same band. Zero: the previous assessment always counts.
    /// Default 1 hour.
    /// </summary>
    public TimeSpan HighRiskRearmAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Reads and validates the settings; throws <see cref="InvalidOperationException"/> naming the bad one.</summary>
    public static AlertPublishingOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Alerts");
        Uri? dashboard = null;
        if (section["DashboardUrl"] is { Length: > 0 } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Fragment.Length > 0)
            {
                throw new InvalidOperationException($"Alerts:DashboardUrl must be an absolute http(s) URL without a #fragment; was '{text}'.");
            }

            dashboard = uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/" + uri.Query);
        }

        var rearm = TimeSpan.FromHours(1);
        if (section["HighRiskRearmAfter"] is { Length: > 0 } rearmText
            && (!TimeSpan.TryParse(rearmText, CultureInfo.InvariantCulture, out rearm) || rearm < TimeSpan.Zero))
        {
            throw new InvalidOperationException($"Alerts:HighRiskRearmAfter must be a duration like 01:00:00, zero or more; was '{rearmText}'.");
        }

        return new AlertPublishingOptions
        {
            DashboardUrl = dashboard,
            PublishHighRisk = Flag(section, "PublishHighRisk"),
            PublishMigrations = Flag(section, "PublishMigrations"),
            HighRiskRearmAfter = rearm,
        };
    }

    /// <summary>The dashboard page of a server, or null without <see cref="DashboardUrl"/>.</summary>
    public Uri? ServerLink(string serverId) => Link("servers", serverId);

    /// <summary>The dashboard page of a migration, or null without <see cref="DashboardUrl"/>.</summary>
    public Uri? MigrationLink(string migrationId) => Link("migrations", migrationId);

    private Uri? Link(string page, string id) => DashboardUrl is null ? null : new Uri($"{DashboardUrl}#/{page}/{Uri.EscapeDataString(id)}");

    private static bool Flag(IConfigurationSection section, string name)
    {
        var text = section[name];
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw new InvalidOperationException($"Alerts:{name} must be true or false; was '{text}'.");
    }
}
