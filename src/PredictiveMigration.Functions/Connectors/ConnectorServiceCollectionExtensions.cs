using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PredictiveMigration.Azure.Connectors;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Connectors.Api;
using PredictiveMigration.Workflows.Connectors;
using MigrationLatency = PredictiveMigration.Functions.Migrations.RegionLatency;

namespace PredictiveMigration.Functions.Connectors;

/// <summary>Registers the connector side: the Azure adapters and what the connector activities and routes need.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Calls <c>AddConnectors</c> (connector store and fleet) and registers <see cref="IConnectorActuator"/>,
    /// <see cref="ConnectorActionRunner"/>, <see cref="ConnectorWorkflowOptions"/>, <see cref="ConnectorPlacement"/>,
    /// <see cref="ConnectorResourceOptions"/>, <see cref="ManualScaler"/> and the scale request log. Settings (validated
    /// here): <c>Connectors:Regions</c> (comma-separated regions connectors may run in; empty: each source hosts its
    /// own), <c>Connectors:MaxLatencyMs</c> [100], <c>Connectors:ObservationDays</c> [30],
    /// <c>Connectors:MinCandidateRisk</c> [50], <c>Connectors:DefaultDataGb</c> [100],
    /// <c>ConnectorStorage:ScaleRequestTable</c> [ConnectorScaleRequests]. Latencies come from the migration side's
    /// <c>RegionLatency</c> when registered (<c>AddMigrations</c>), else only same-region placement is in reach.
    /// The activities also need <c>IMigrationStore</c>, <c>IServerDirectory</c> and <c>ICloudInventory</c>
    /// (<c>AddMigrations</c>) and <c>IMigrationCandidateStore</c> (<c>AddForecasting</c>).
    /// </summary>
    public static IServiceCollection AddConnectorServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddConnectors(configuration);

        var workflow = new ConnectorWorkflowOptions
        {
            ObservationWindow = TimeSpan.FromDays(Number(configuration, "Connectors:ObservationDays", 30, 1, 3650)),
            MinCandidateRisk = (int)Number(configuration, "Connectors:MinCandidateRisk", 50, 0, 100),
            DefaultDataBytes = (long)(Number(configuration, "Connectors:DefaultDataGb", 100, 0.001, 1_000_000) * 1e9),
        };
        workflow.Validate();
        var maxLatency = Number(configuration, "Connectors:MaxLatencyMs", 100, 1, 10_000);
        var regions = (configuration["Connectors:Regions"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (regions.FirstOrDefault(r => r.Length > 64 || !r.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) is { } bad)
        {
            throw new InvalidOperationException($"Connectors:Regions must list region names (letters, digits and '-'); '{bad}' is not one.");
        }

        var scaleTable = configuration["ConnectorStorage:ScaleRequestTable"] ?? "ConnectorScaleRequests";
        if (scaleTable.Length is < 3 or > 63 || !char.IsAsciiLetter(scaleTable[0]) || !scaleTable.All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidOperationException($"ConnectorStorage:ScaleRequestTable must be a valid table name (3-63 letters or digits, starting with a letter); was '{scaleTable}'.");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(workflow);
        services.AddSingleton(new ConnectorResourceOptions());
        services.AddSingleton(sp =>
        {
            var latency = sp.GetService<MigrationLatency>();
            RegionLatency table = latency is null ? (from, to) => string.Equals(from, to, StringComparison.OrdinalIgnoreCase) ? 1 : double.NaN : latency.Get;
            return new ConnectorPlacement(regions, table, maxLatency);
        });
        services.AddSingleton(sp => new ManualScaler(sp.GetRequiredService<ConnectorPlanOptions>()));
        services.AddSingleton<IConnectorActuator, ConnectorFleetActuator>();
        services.AddSingleton<ConnectorActionRunner>();
        services.AddSingleton<IScaleRequestLog>(sp => new TableScaleRequestLog(sp.GetRequiredService<TableServiceClient>(), scaleTable));
        return services;
    }

    private static double Number(IConfiguration configuration, string key, double fallback, double min, double max)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{key} must be a number from {min} to {max}; was '{text}'."));
    }
}
