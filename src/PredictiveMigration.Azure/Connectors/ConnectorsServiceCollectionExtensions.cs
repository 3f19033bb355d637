using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Azure.Connectors;

public static class ConnectorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConnectorStore"/> (Tables, reusing the registered <see cref="Azure.Data.Tables.TableServiceClient"/>)
    /// and <see cref="ConnectorFleet"/> (over the registered <c>ICloudCompute</c>). Table names come from the
    /// <c>ConnectorStorage</c> section, the resource group from <c>Connectors:ResourceGroup</c>; both validated here.
    /// </summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration.GetSection("ConnectorStorage").Get<ConnectorStorageOptions>() ?? new ConnectorStorageOptions();
        storage.Validate();
        var fleet = new ConnectorFleetOptions { ResourceGroup = configuration["Connectors:ResourceGroup"] ?? new ConnectorFleetOptions().ResourceGroup };
        fleet.Validate();
        services.AddSingleton(storage);
        services.AddSingleton(fleet);
        services.AddSingleton(fleet.Plan);
        services.AddSingleton<ConnectorTables>();
        services.TryAddSingleton<IConnectorStore, TableConnectorStore>();
        services.TryAddSingleton<ConnectorFleet>();
        return services;
    }
}
