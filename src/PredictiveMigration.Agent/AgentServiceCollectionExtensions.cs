using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Collecting;
using PredictiveMigration.Agent.Configuration;
using PredictiveMigration.Agent.Hosting;
using PredictiveMigration.Agent.Probes;
using PredictiveMigration.Agent.Sampling;
using PredictiveMigration.Agent.Sending;
using PredictiveMigration.Agent.Spooling;

namespace PredictiveMigration.Agent;

/// <summary>The agent's DI entry point.</summary>
public static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// Registers the profiler agent: options (section <c>Agent</c>, validated at start), sampler, probes, sink,
    /// spool and the hosted worker.
    /// </summary>
    public static IServiceCollection AddProfilerAgent(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AgentOptions>()
            .Bind(configuration.GetSection(AgentOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<AgentOptions>, AgentOptionsDefaults>();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AgentCounters>();
        services.TryAddSingleton(static _ => new HttpClient(new SocketsHttpHandler
        {
            // Long-lived client: recycle connections so DNS changes are seen.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        })
        {
            // Every caller applies its own timeout with a CancellationTokenSource.
            Timeout = Timeout.InfiniteTimeSpan,
        });

        services.TryAddSingleton<ISampler, ProcSampler>();
        services.TryAddSingleton<HttpLatencyProbe>();
        services.TryAddSingleton<QueueLengthProbe>();
        services.TryAddSingleton<SequenceStore>();
        services.TryAddSingleton<Spool>();
        services.TryAddSingleton<MetricBuffer>();
        services.TryAddSingleton<EventCollector>();
        services.TryAddSingleton<BatchSender>();
        services.TryAddSingleton<IEventHubsAuthorization>(static sp => CreateAuthorization(sp));
        services.TryAddSingleton<IMetricSink>(static sp => CreateSink(sp));
        services.AddHostedService<ProfilerWorker>();
        return services;
    }

    private static IMetricSink CreateSink(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AgentOptions>>();
        return options.Value.Sink.Mode switch
        {
            SinkMode.EventHubs => ActivatorUtilities.CreateInstance<EventHubsMetricSink>(services),
            _ => ActivatorUtilities.CreateInstance<HttpMetricSink>(services),
        };
    }

    private static IEventHubsAuthorization CreateAuthorization(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AgentOptions>>();
        var hubs = options.Value.Sink.EventHubs;
        if (!string.IsNullOrEmpty(hubs.SasKey))
        {
            return ActivatorUtilities.CreateInstance<SasTokenProvider>(services);
        }

        return new EntraTokenProvider(
            EntraTokenProvider.CreateCredential(hubs.ClientId),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<EntraTokenProvider>>());
    }
}
