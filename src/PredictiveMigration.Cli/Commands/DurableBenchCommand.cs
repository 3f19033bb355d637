using System.Globalization;
using System.Text.Json;
using PredictiveMigration.Cli.Bench;

namespace PredictiveMigration.Cli.Commands;

/// <summary>
/// <c>pm bench durable [--orchestrations 200] [--activities 10] [--json]</c>: orchestrations of a chain of activities
/// through the Durable development backend on Azurite (or <c>AzureWebJobsStorage</c>). With --json the last line is
/// one flat JSON object: <c>orchestrations</c>, <c>completed</c>, <c>activities</c>, <c>orchestrations_per_s</c>,
/// <c>p50_ms</c>, <c>p99_ms</c> (a contract other tools read), plus more figures.
/// </summary>
internal static class DurableBenchCommand
{
    public static async Task<int> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        var orchestrations = line.Int("orchestrations", 200, 1, 100_000);
        var activities = line.Int("activities", 10, 1, 1_000);
        var json = line.Flag("json");
        line.RejectUnknown();

        await using var storage = await LocalStorage.OpenAsync(null, Console.Error, cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"pm bench durable: {orchestrations:N0} orchestrations x {activities:N0} activities on {storage.Description}");
        var progress = new Progress<string>(m => Console.Error.WriteLine($"  {m}"));
        var r = await DurableBenchmark.RunAsync(storage.ConnectionString, orchestrations, activities, progress, cancellationToken).ConfigureAwait(false);

        var figures = new Dictionary<string, object>
        {
            ["orchestrations"] = r.Orchestrations,
            ["completed"] = r.Completed,
            ["failed"] = r.Failed,
            ["activities"] = r.Activities,
            ["elapsed_s"] = Math.Round(r.ElapsedSeconds, 3),
            ["orchestrations_per_s"] = Math.Round(r.OrchestrationsPerSecond, 2),
            ["activities_per_s"] = Math.Round(r.ActivitiesPerSecond, 1),
            ["latency_samples"] = r.LatencySamples,
            ["p50_ms"] = Math.Round(r.P50Ms, 1),
            ["p99_ms"] = Math.Round(r.P99Ms, 1),
            ["max_ms"] = Math.Round(r.MaxMs, 1),
        };

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("| figure                                          | value        |");
        Console.WriteLine("|-------------------------------------------------|--------------|");
        Console.WriteLine(string.Create(c, $"| orchestrations completed / started             | {r.Completed,5:N0} / {r.Orchestrations,-5:N0} |"));
        Console.WriteLine(string.Create(c, $"| activities per orchestration (a chain)          | {r.Activities,12:N0} |"));
        Console.WriteLine(string.Create(c, $"| orchestrations/s (first created to last done)   | {r.OrchestrationsPerSecond,12:F2} |"));
        Console.WriteLine(string.Create(c, $"| activities/s                                    | {r.ActivitiesPerSecond,12:F1} |"));
        Console.WriteLine(string.Create(c, $"| activity done -> next action, p50 ms           | {r.P50Ms,12:F1} |"));
        Console.WriteLine(string.Create(c, $"| activity done -> next action, p99 ms           | {r.P99Ms,12:F1} |"));
        Console.WriteLine(string.Create(c, $"|   ({r.LatencySamples:N0} samples, max {r.MaxMs:F1} ms, {r.ElapsedSeconds:F1} s in all)"));
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(figures));
        }

        return r.Completed == r.Orchestrations ? 0 : 1;
    }
}
