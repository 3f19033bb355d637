using System.Globalization;

namespace PredictiveMigration.Functions.Migrations;

/// <summary>
/// Settings of <see cref="ProbingEndpointHealth"/> (<c>Migrations:*</c>). Without <c>Migrations:TrafficResourceGroup</c>
/// the app keeps the fail-closed <see cref="UnconfiguredEndpointHealth"/>.
/// </summary>
public sealed class ProbingEndpointHealthOptions
{
    /// <summary>The most a sample spreads its probes over, whatever the window.</summary>
    public static readonly TimeSpan MaxSpread = TimeSpan.FromSeconds(10);

    /// <summary>The resource group of the traffic profiles (<c>Migrations:TrafficResourceGroup</c>); required.</summary>
    public string ResourceGroup { get; init; } = "";

    /// <summary>The path probed on each endpoint's target host (<c>Migrations:HealthProbePath</c>, default <c>/</c>).</summary>
    public string Path { get; init; } = "/";

    /// <summary>Probes per sample (<c>Migrations:HealthProbes</c>, default 20).</summary>
    public int Probes { get; init; } = 20;

    /// <summary>Timeout of one probe (<c>Migrations:HealthProbeTimeout</c>, default 5 s); a timed-out probe is a failure.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The probe scheme (<c>Migrations:HealthProbeScheme</c>, default <c>https</c>; <c>http</c> for tests).</summary>
    public string Scheme { get; init; } = "https";

    /// <summary>Reads the settings, or null when <c>Migrations:TrafficResourceGroup</c> is absent; bad values throw naming the setting.</summary>
    public static ProbingEndpointHealthOptions? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var resourceGroup = configuration["Migrations:TrafficResourceGroup"];
        if (string.IsNullOrWhiteSpace(resourceGroup))
        {
            return null;
        }

        var options = new ProbingEndpointHealthOptions
        {
            ResourceGroup = resourceGroup.Trim(),
            Path = configuration["Migrations:HealthProbePath"] is { Length: > 0 } path ? path : "/",
            Probes = configuration["Migrations:HealthProbes"] is { Length: > 0 } probes
                ? int.TryParse(probes, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
                    : throw new InvalidOperationException($"Migrations:HealthProbes must be an integer, got '{probes}'")
                : 20,
            ProbeTimeout = configuration["Migrations:HealthProbeTimeout"] is { Length: > 0 } timeout
                ? TimeSpan.TryParse(timeout, CultureInfo.InvariantCulture, out var t) ? t
                    : throw new InvalidOperationException($"Migrations:HealthProbeTimeout must be a time span (hh:mm:ss), got '{timeout}'")
                : TimeSpan.FromSeconds(5),
            Scheme = configuration["Migrations:HealthProbeScheme"] is { Length: > 0 } scheme ? scheme : "https",
        };
        options.Validate();
        return options;
    }

    /// <summary>Throws naming the setting when a value is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ResourceGroup))
        {
            throw new InvalidOperationException("Migrations:TrafficResourceGroup is required for endpoint probing");
        }

        if (!Path.StartsWith('/'))
        {
            throw new InvalidOperationException($"Migrations:HealthProbePath must start with '/', got '{Path}'");
        }

        if (Probes is < 1 or > 1000)
        {
            throw new InvalidOperationException($"Migrations:HealthProbes must be between 1 and 1000, got {Probes}");
        }

        if (ProbeTimeout <= TimeSpan.Zero || ProbeTimeout > TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException($"Migrations:HealthProbeTimeout must be above 0 and at most 1 min, got {ProbeTimeout}");
        }

        if (Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException($"Migrations:HealthProbeScheme must be 'https' or 'http', got '{Scheme}'");
        }
    }
}
