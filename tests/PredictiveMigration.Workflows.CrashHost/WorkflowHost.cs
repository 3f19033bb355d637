using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PredictiveMigration.Azure.Arm;
using PredictiveMigration.Azure.Connectors;
using PredictiveMigration.Azure.Migrations;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;
using PredictiveMigration.Durable.Storage.Backend;
using PredictiveMigration.Durable.Storage.Hosting;
using PredictiveMigration.Replication;
using PredictiveMigration.Sandbox.Traffic;
using PredictiveMigration.Workflows.Connectors;

namespace PredictiveMigration.Workflows.CrashHost;

/// <summary>
/// The migration workflows' routes on 127.0.0.1:&lt;free port&gt; plus the development backend calling them, with the
/// ports wired to real adapters: <see cref="TableMigrationStore"/> and <see cref="TableCapacityReservations"/> on
/// Azure Storage, <see cref="ArmCompute"/> and <see cref="ArmInventory"/> on the sandbox cloud (no SDK retries, so
/// every 429/5xx reaches the orchestrator's own retry on durable timers), <see cref="FileReplicationService"/>,
/// and <see cref="SandboxTrafficRouter"/> / <see cref="SandboxEndpointHealth"/> on the YARP proxy. The connector
/// workflows are registered too, as in the Functions app: the migration orchestrator records each full copy's transfer
/// through <c>RecordMigrationObservation</c> into a <see cref="TableConnectorStore"/> on the same storage.
/// </summary>
public sealed class WorkflowHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IHost _backend;

    private WorkflowHost(WebApplication app, IHost backend, DurableBackendOptions options)
    {
        _app = app;
        _backend = backend;
        Options = options;
    }

    /// <summary>The backend's options (for a client on the same task hub).</summary>
    public DurableBackendOptions Options { get; }

    public static async Task<WorkflowHost> StartAsync(WorkflowHostSettings settings, Action<DurableBackendOptions>? configure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        WebApplicationBuilder web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseUrls("http://127.0.0.1:0");
        web.Logging.SetMinimumLevel(LogLevel.Warning);
        AddPorts(web.Services, settings);
        WebApplication app = web.Build();
        app.MapDurableTaskRoutes(new DurableTaskRegistry().AddMigrationWorkflows().AddConnectorWorkflows());
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var options = new DurableBackendOptions
        {
            ConnectionString = settings.StorageConnection,
            TaskHubName = settings.TaskHub,
            AppBaseUrl = new Uri(app.Urls.First()),
            PollInterval = TimeSpan.FromMilliseconds(50),
            VisibilityTimeout = TimeSpan.FromSeconds(5),
            RetryDelay = TimeSpan.FromMilliseconds(200),
            HttpTimeout = TimeSpan.FromSeconds(60),
        };
        configure?.Invoke(options);
        HostApplicationBuilder backend = Host.CreateApplicationBuilder();
        backend.Logging.SetMinimumLevel(LogLevel.Warning);
        backend.Services.AddDurableDevelopmentBackend(o =>
        {
            o.ConnectionString = options.ConnectionString;
            o.TaskHubName = options.TaskHubName;
            o.AppBaseUrl = options.AppBaseUrl;
            o.PollInterval = options.PollInterval;
            o.VisibilityTimeout = options.VisibilityTimeout;
            o.RetryDelay = options.RetryDelay;
            o.HttpTimeout = options.HttpTimeout;
            o.MaxDequeueCount = options.MaxDequeueCount;
        });
        IHost host = backend.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new WorkflowHost(app, host, options);
    }

    /// <summary>Registers every port the workflows' activities take.</summary>
    public static void AddPorts(IServiceCollection services, WorkflowHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        var tables = new TableServiceClient(settings.StorageConnection);
        var arm = ArmClientFactory.ForSandbox(settings.CloudEndpoint, settings.CloudThumbprint, settings.Subscription, maxRetries: 0);
        var proxy = new HttpClient { BaseAddress = settings.ProxyEndpoint, Timeout = TimeSpan.FromSeconds(30) };
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IMigrationStore>(new TableMigrationStore(tables, settings.MigrationsTable));
        services.AddSingleton<ICapacityReservations>(new TableCapacityReservations(tables, settings.ReservationsTable));
        services.AddSingleton<ICloudCompute>(new ArmCompute(arm, settings.Subscription));
        services.AddSingleton<ICloudInventory>(new ArmInventory(arm, settings.Subscription));
        services.AddSingleton<ITrafficRouter>(new SandboxTrafficRouter(proxy));
        services.AddSingleton<IEndpointHealth>(new SandboxEndpointHealth(proxy));
        services.AddSingleton<IConnectorStore>(new TableConnectorStore(new ConnectorTables(tables, ConnectorStorage(settings))));
        services.AddSingleton<IReplicationService>(new FileReplicationService(
            new ReplicationOptions { StateDirectory = settings.ReplicationStateDirectory, BlockSize = settings.ReplicationBlockSize, MaxParallelism = 1 },
            TimeProvider.System));
    }

    /// <summary>The connector store's tables: the settings' names, else derived from the migrations table.</summary>
    public static ConnectorStorageOptions ConnectorStorage(WorkflowHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ConnectorStorageOptions
        {
            ConnectorTable = settings.ConnectorTable ?? settings.MigrationsTable + "conn",
            ObservationTable = settings.ObservationTable ?? settings.MigrationsTable + "obs",
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _backend.StopAsync().ConfigureAwait(false);
        _backend.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
