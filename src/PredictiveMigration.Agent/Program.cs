using PredictiveMigration.Agent;

// pm-agent: samples /proc, batches metric events and sends them (HTTP or Event Hubs), spooling to disk on failure.
// Configuration: appsettings.json next to the binary, then Agent__* environment variables, then --Agent:* arguments.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    // Read appsettings.json next to the binary whatever the working directory (systemd starts us in /).
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Services.AddProfilerAgent(builder.Configuration);

using var host = builder.Build();
await host.RunAsync().ConfigureAwait(false);
