using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using PredictiveMigration.Durable.Storage.Client;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>DI entry points of the development backend.</summary>
public static class DurableBackendServiceCollectionExtensions
{
    /// <summary>
    /// Registers the development backend (a hosted service that calls the app's orchestrator and activity routes
    /// like the Functions host) and its <see cref="IDurableClient"/>. Options are validated here, at start-up, with
    /// messages naming the setting. Time comes from the registered <see cref="TimeProvider"/> (default: the system clock).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (connection, task hub, app base URL, parallelism, intervals).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDurableDevelopmentBackend(this IServiceCollection services, Action<DurableBackendOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new DurableBackendOptions();
        configure(options);
        options.Validate(requireAppBaseUrl: true);
        AddShared(services, options);
        services.AddSingleton<IHostedService, DurableBackendService>();
        return services;
    }

    /// <summary>
    /// Registers only the <see cref="IDurableClient"/> of a development task hub (a process that starts and queries
    /// orchestrations while backends run elsewhere).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (connection and task hub).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDurableDevelopmentClient(this IServiceCollection services, Action<DurableBackendOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new DurableBackendOptions();
        configure(options);
        options.Validate(requireAppBaseUrl: false);
        AddShared(services, options);
        return services;
    }

    private static void AddShared(IServiceCollection services, DurableBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(_ => new TaskHubStorage(options));
        services.AddSingleton(sp => new DevelopmentDurableClient(sp.GetRequiredService<TaskHubStorage>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDurableClient>(sp => sp.GetRequiredService<DevelopmentDurableClient>());
    }
}
