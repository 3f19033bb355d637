using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PredictiveMigration.Durable.Storage.Backend;
using PredictiveMigration.Durable.Storage.Hosting;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Durable.Storage.Tests.Support;

/// <summary>
/// A test app serving <see cref="TestTasks"/> on 127.0.0.1:&lt;free port&gt; through the real routes (plus three
/// misbehaving routes), and the development backend calling it, on a task hub of its own.
/// </summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<IHost> _backends = [];

    private DurableTestHost(WebApplication app, DurableBackendOptions options)
    {
        _app = app;
        Options = options;
        Client = new DevelopmentDurableClient(options);
    }

    public DurableBackendOptions Options { get; }

    public DevelopmentDurableClient Client { get; }

    /// <summary>Starts the app and one backend (unless <paramref name="backends"/> is 0).</summary>
    public static async Task<DurableTestHost> StartAsync(StorageFixture storage, Action<DurableBackendOptions>? configure = null, int backends = 1)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        WebApplication app = builder.Build();
        app.MapPost("/" + TestTasks.Exploding, (HttpContext context) => Results.StatusCode(500));
        app.MapPost("/" + TestTasks.BrokenOrchestrator, (HttpContext context) => Results.StatusCode(500));
        app.MapPost("/" + TestTasks.Unreachable, (HttpContext context) => context.Abort());
        app.MapDurableTaskRoutes(TestTasks.CreateRegistry());
        await app.StartAsync();

        var options = new DurableBackendOptions
        {
            ConnectionString = storage.Require(),
            TaskHubName = UniqueNames.Table("hub"),
            AppBaseUrl = new Uri(app.Urls.First()),
            PollInterval = TimeSpan.FromMilliseconds(50),
            VisibilityTimeout = TimeSpan.FromSeconds(5),
            RetryDelay = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        var host = new DurableTestHost(app, options);
        for (int i = 0; i < backends; i++)
        {
            await host.StartBackendAsync();
        }

        return host;
    }

    /// <summary>Starts one more backend on the same task hub (another "process": its own clients, locks and slots).</summary>
    public async Task StartBackendAsync()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableDevelopmentBackend(CopyTo);
        IHost backend = builder.Build();
        await backend.StartAsync();
        _backends.Add(backend);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IHost backend in _backends)
        {
            await backend.StopAsync();
            backend.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void CopyTo(DurableBackendOptions target)
    {
        target.ConnectionString = Options.ConnectionString;
        target.TaskHubName = Options.TaskHubName;
        target.AppBaseUrl = Options.AppBaseUrl;
        target.PollInterval = Options.PollInterval;
        target.VisibilityTimeout = Options.VisibilityTimeout;
        target.RetryDelay = Options.RetryDelay;
        target.MaxDequeueCount = Options.MaxDequeueCount;
        target.MaxConcurrentOrchestrations = Options.MaxConcurrentOrchestrations;
        target.MaxConcurrentActivities = Options.MaxConcurrentActivities;
        target.MaxTimerVisibility = Options.MaxTimerVisibility;
        target.HttpTimeout = Options.HttpTimeout;
    }
}
