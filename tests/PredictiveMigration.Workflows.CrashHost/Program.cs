using System.Text.Json;
using PredictiveMigration.Workflows.CrashHost;

// Usage: dotnet exec PredictiveMigration.Workflows.CrashHost.dll <settings.json>
// Serves the migration workflows' routes on 127.0.0.1:<free port> and runs the development backend against them, in
// this one process (the Functions host and the app crash together). Prints "READY <url>" once both run.
if (args.Length != 1 || !File.Exists(args[0]))
{
    await Console.Error.WriteLineAsync("usage: PredictiveMigration.Workflows.CrashHost <settings.json> (a WorkflowHostSettings as JSON)");
    return 2;
}

WorkflowHostSettings settings = JsonSerializer.Deserialize<WorkflowHostSettings>(await File.ReadAllTextAsync(args[0]), new JsonSerializerOptions(JsonSerializerDefaults.Web))
    ?? throw new InvalidOperationException("settings: the file holds no JSON object");
await using WorkflowHost host = await WorkflowHost.StartAsync(
    settings,
    options =>
    {
        // A killed process's messages come back after this: short, so the test does not wait long.
        options.VisibilityTimeout = TimeSpan.FromSeconds(2);

        // Every kill re-delivers the messages in hand; the test is about crashes, not poison.
        options.MaxDequeueCount = 100;
    },
    CancellationToken.None);
Console.WriteLine("READY " + host.Options.AppBaseUrl);
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task;
return 0;
