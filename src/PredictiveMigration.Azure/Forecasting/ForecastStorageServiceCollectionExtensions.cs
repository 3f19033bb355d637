using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PredictiveMigration.Azure.Storage;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Forecasting.Persistence;
using PredictiveMigration.Forecasting.Service;

namespace PredictiveMigration.Azure.Forecasting;

public static class ForecastStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the forecasting stores: <see cref="IRiskStore"/>, <see cref="IMigrationCandidateStore"/> (Tables) and the
    /// model registry (Blobs). Tables reuse the <see cref="Azure.Data.Tables.TableServiceClient"/> of the metrics storage;
    /// blobs use <c>AzureWebJobsStorage</c> (a connection string, or <c>__blobServiceUri</c> / <c>__accountName</c> with the
    /// same credential). Names come from the <c>ForecastStorage</c> section, validated here.
    /// </summary>
    public static IServiceCollection AddForecastStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection("ForecastStorage").Get<ForecastStorageOptions>() ?? new ForecastStorageOptions();
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.TryAddSingleton(_ => CreateBlobServiceClient(configuration));
        services.AddSingleton<ForecastTables>();
        services.AddSingleton<IRiskStore, TableRiskStore>();
        services.AddSingleton<IMigrationCandidateStore, TableMigrationCandidateStore>();
        services.AddSingleton<BlobModelStore>();
        services.AddSingleton<IModelRegistry>(sp => sp.GetRequiredService<BlobModelStore>());
        services.AddSingleton<IModelStore>(sp => sp.GetRequiredService<BlobModelStore>());
        return services;
    }

    /// <summary>A blob client for the <c>AzureWebJobsStorage</c> connection (either form).</summary>
    public static BlobServiceClient CreateBlobServiceClient(IConfiguration configuration, string name = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connection = StorageConnection.FromConfiguration(configuration, name);
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        if (connection.ConnectionString is not null)
        {
            return new BlobServiceClient(connection.ConnectionString, options);
        }

        var section = configuration.GetSection(name);
        var uri = section["blobServiceUri"] is { Length: > 0 } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : throw new InvalidOperationException($"{name}__blobServiceUri is not an absolute URI: '{text}'.")
            : section["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.blob.core.windows.net")
            : throw new InvalidOperationException($"Blob storage is not configured: set {name}__blobServiceUri (or {name}__accountName) beside {name}__tableServiceUri.");
        return new BlobServiceClient(uri, connection.Credential, options);
    }
}
