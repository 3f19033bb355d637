using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PredictiveMigration.Azure.Storage;
using PredictiveMigration.Domain.Alerts;

namespace PredictiveMigration.Azure.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Registers webhook alerting: <see cref="IAlertPublisher"/>, <see cref="IAlertLog"/>, the
    /// <see cref="AlertDeliveryWorker"/> and (unless <c>Alerts:BackgroundDelivery=false</c>) the hosted
    /// <see cref="AlertDeliveryService"/>. Settings come from the <c>Alerts</c> section and are validated here, failing
    /// fast with the setting's name; storage from <c>AzureWebJobsStorage</c> unless a <c>TableServiceClient</c> is
    /// already registered; time from a registered <see cref="TimeProvider"/> (else the system clock).
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = AlertOptions.FromConfiguration(configuration);
        options.Validate();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => StorageConnection.FromConfiguration(configuration).CreateTableServiceClient());
        services.AddSingleton(options);
        // Timeouts are per subscription (a linked token), so the client's own timeout is off.
        services.AddHttpClient(AlertDeliveryWorker.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<AlertTables>();
        services.AddSingleton<AlertWakeSignal>();
        services.AddSingleton<TableAlertPublisher>();
        services.AddSingleton<IAlertPublisher>(sp => sp.GetRequiredService<TableAlertPublisher>());
        services.AddSingleton<TableAlertLog>();
        services.AddSingleton<IAlertLog>(sp => sp.GetRequiredService<TableAlertLog>());
        services.AddSingleton<AlertDeliveryWorker>();
        if (options.BackgroundDelivery)
        {
            services.AddHostedService<AlertDeliveryService>();
        }

        return services;
    }
}
