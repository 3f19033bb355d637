using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Forecasting.Service;

namespace PredictiveMigration.Functions.Alerts;

public static class AlertPublishingServiceCollectionExtensions
{
    /// <summary>
    /// Makes the product raise its alerts: wraps the registered <see cref="IRiskStore"/> in
    /// <see cref="HighRiskAlertingRiskStore"/> and the registered <see cref="IMigrationStore"/> in
    /// <see cref="AlertingMigrationStore"/>. Call after <c>AddForecasting</c>, <c>AddMigrations</c> and <c>AddAlerts</c>
    /// (it needs their registrations); settings (<see cref="AlertPublishingOptions"/>) are validated here.
    /// </summary>
    public static IServiceCollection AddAlertPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = AlertPublishingOptions.FromConfiguration(configuration);
        services.AddSingleton(options);
        Decorate<IRiskStore>(services, (sp, inner) => new HighRiskAlertingRiskStore(
            inner,
            sp.GetRequiredService<IAlertPublisher>(),
            sp.GetRequiredService<ForecastingOptions>(),
            options,
            sp.GetRequiredService<ILogger<HighRiskAlertingRiskStore>>()));
        Decorate<IMigrationStore>(services, (sp, inner) => new AlertingMigrationStore(
            inner,
            sp.GetRequiredService<IAlertPublisher>(),
            options,
            sp.GetRequiredService<ILogger<AlertingMigrationStore>>()));
        return services;
    }

    /// <summary>Replaces the last registration of <typeparamref name="TService"/> with a decorator around it (same lifetime).</summary>
    private static void Decorate<TService>(IServiceCollection services, Func<IServiceProvider, TService, TService> decorate)
        where TService : class
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(TService) && !services[i].IsKeyedService)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            throw new InvalidOperationException($"AddAlertPublishing needs {typeof(TService).Name} registered first (AddForecasting, AddMigrations).");
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Describe(typeof(TService), sp => decorate(sp, (TService)Create(sp, original)), original.Lifetime);
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
