using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PredictiveMigration.Durable.CrashHost;
using PredictiveMigration.Durable.Storage.Backend;
using PredictiveMigration.Durable.Storage.Hosting;

// Usage: dotnet exec PredictiveMigration.Durable.CrashHost.dll <storage connection string> <task hub> <effects table>
// Serves the crash workload's routes on 127.0.0.1:<free port> and runs the development backend against them, in
// this one process (the Functions host and the app crash together). Prints "READY <url>" once both run.
if (args.Length != 3)
{
    await Console.Error.WriteLineAsync("usage: PredictiveMigration.Durable.CrashHost <storage connection string> <task hub> <effects table>");
    return 2;
}

string storage = args[0];
string hub = args[1];
var effects = new TableClient(storage, args[2]);
await effects.CreateIfNotExistsAsync();

WebApplicationBuilder web = WebApplication.CreateSlimBuilder();
web.WebHost.UseUrls("http://127.0.0.1:0");
web.Logging.SetMinimumLevel(LogLevel.Warning);
await using WebApplication app = web.Build();
app.MapDurableTaskRoutes(CrashWorkload.CreateRegistry(effects));
await app.StartAsync();
string url = app.Urls.First();

HostApplicationBuilder backend = Host.CreateApplicationBuilder();
backend.Logging.SetMinimumLevel(LogLevel.Warning);
backend.Services.AddDurableDevelopmentBackend(options =>
{
    options.ConnectionString = storage;
    options.TaskHubName = hub;
    options.AppBaseUrl = new Uri(url);
    options.PollInterval = TimeSpan.FromMilliseconds(50);

    // A killed process's messages come back after this: short, so the test does not wait long.
    options.VisibilityTimeout = TimeSpan.FromSeconds(2);
    options.RetryDelay = TimeSpan.FromMilliseconds(200);

    // Every kill re-delivers the messages in hand; the test is about crashes, not poison.
    options.MaxDequeueCount = 100;
});
using IHost host = backend.Build();
await host.StartAsync();
Console.WriteLine("READY " + url);
await host.WaitForShutdownAsync();
await app.StopAsync();
return 0;
