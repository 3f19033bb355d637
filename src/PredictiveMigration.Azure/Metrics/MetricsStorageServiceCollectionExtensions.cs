using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PredictiveMigration.Azure.Storage;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Ingestion;
using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Domain.Metrics.Query;
using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Azure.Metrics;

public static class MetricsStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers metrics ingestion and query over Azure Tables. Storage comes from the <c>AzureWebJobsStorage</c>
    /// setting (connection string or identity-based); table names and limits from the <c>Metrics</c> section.
    /// Options are validated here, at start-up, with messages naming the setting.
    /// </summary>
    public static IServiceCollection AddMetricsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storageOptions = configuration.GetSection("Metrics").Get<MetricsStorageOptions>() ?? new MetricsStorageOptions();
        storageOptions.Validate();
        var validation = configuration.GetSection("Metrics").Get<MetricValidationOptions>() ?? new MetricValidationOptions();
        validation.Validate();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(storageOptions);
        services.AddSingleton(validation);
        // A TableServiceClient registered earlier (tests, the sandbox) wins over the configured connection.
        services.TryAddSingleton(_ => StorageConnection.FromConfiguration(configuration).CreateTableServiceClient());
        services.AddSingleton<MetricsTables>();
        services.AddSingleton<IRollupStore, TableRollupStore>();
        services.AddSingleton<IDeadLetterStore, TableDeadLetterStore>();
        services.AddSingleton<IServerInventory, TableServerInventory>();
        services.AddSingleton<MetricIngestor>();
        services.AddSingleton<MetricsQueryService>();
        return services;
    }
}
