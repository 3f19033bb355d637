using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PredictiveMigration.Durable;
using PredictiveMigration.Durable.Storage.Backend;
using PredictiveMigration.Durable.Storage.Client;
using PredictiveMigration.Durable.Storage.Hosting;

namespace PredictiveMigration.Cli.Bench;

/// <summary>
/// <c>pm bench durable</c>: N orchestrations, each a chain of M activities, through the development backend on Azure
/// Storage, with the routes served by this process on a loopback port (the backend calls them over HTTP like the
/// Functions host). Figures come from the backend's own timestamps in the history:
/// <list type="bullet">
/// <item>throughput: completed orchestrations / (last instance's completion − first instance's creation);</item>
/// <item>latency, one sample per activity: from the activity's completion (the backend stamps taskCompleted when the
/// activity route's 2xx answer arrives) to the orchestrator's next action (the episode that consumed that completion
/// has the orchestrator's answer, i.e. the next ScheduleTask or the CompleteOrchestration, decoded and is about to
/// commit it; the episode row's RecordedAt). It covers the completion's enqueue, the control queue poll, the history
/// read, the orchestrator call (a full replay) and the decode; not the commit and the next work item's enqueue.</item>
/// </list>
/// </summary>
internal static class DurableBenchmark
{
    public const string Orchestrator = "BenchChain";

    public const string Activity = "BenchStep";

    public sealed record Result(
        int Orchestrations, int Completed, int Failed, int Activities, double ElapsedSeconds,
        double OrchestrationsPerSecond, double ActivitiesPerSecond, int LatencySamples, double P50Ms, double P99Ms, double MaxMs);

    public static DurableTaskRegistry CreateRegistry() => new DurableTaskRegistry()
        .AddOrchestrator<int, int>(Orchestrator, async (context, steps) =>
        {
            int value = 0;
            for (int i = 0; i < steps; i++)
            {
                value = await context.CallActivityAsync<int>(Activity, value);
            }

            return value;
        })
        .AddActivity<int, int>(Activity, (_, value, _) => Task.FromResult(value + 1));

    public static async Task<Result> RunAsync(string connectionString, int orchestrations, int activities, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        WebApplicationBuilder web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseUrls("http://127.0.0.1:0");
        web.Logging.ClearProviders();
        await using WebApplication app = web.Build();
        app.MapDurableTaskRoutes(CreateRegistry());
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        string hub = "bench" + Guid.NewGuid().ToString("N")[..10];
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableDevelopmentBackend(options =>
        {
            options.ConnectionString = connectionString;
            options.TaskHubName = hub;
            options.AppBaseUrl = new Uri(app.Urls.First());
            options.MaxConcurrentOrchestrations = 16;
            options.MaxConcurrentActivities = 32;
            options.PollInterval = TimeSpan.FromMilliseconds(100);
        });
        using IHost backend = builder.Build();
        var client = backend.Services.GetRequiredService<DevelopmentDurableClient>();
        await backend.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            progress?.Report($"task hub {hub}: starting {orchestrations} orchestrations of {activities} activities");
            string[] ids = [.. Enumerable.Range(0, orchestrations).Select(i => "bench-" + i.ToString("D5", CultureInfo.InvariantCulture))];
            string input = activities.ToString(CultureInfo.InvariantCulture);
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, ct) =>
                await client.StartNewAsync(Orchestrator, input, id, ct).ConfigureAwait(false)).ConfigureAwait(false);

            List<OrchestrationMetadata> finished = await WaitAllAsync(client, ids, progress, cancellationToken).ConfigureAwait(false);
            progress?.Report("reading the histories");
            var latencies = new List<double>();
            foreach (string id in ids)
            {
                foreach (HistoryEpisode episode in await client.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var completed in episode.Events.Where(e => e.TaskCompleted is not null && e.Timestamp is not null))
                    {
                        latencies.Add((episode.RecordedAt - completed.Timestamp.ToDateTimeOffset()).TotalMilliseconds);
                    }
                }
            }

            latencies.Sort();
            int completedCount = finished.Count(f => f.RuntimeStatus == OrchestrationRuntimeStatus.Completed && f.SerializedOutput == input);
            double elapsed = finished.Count == 0 ? 0 : (finished.Max(f => f.LastUpdatedAt) - finished.Min(f => f.CreatedAt)).TotalSeconds;
            return new Result(
                orchestrations,
                completedCount,
                finished.Count - completedCount,
                activities,
                elapsed,
                elapsed > 0 ? completedCount / elapsed : 0,
                elapsed > 0 ? completedCount * activities / elapsed : 0,
                latencies.Count,
                Percentile(latencies, 0.50),
                Percentile(latencies, 0.99),
                latencies.Count == 0 ? 0 : latencies[^1]);
        }
        finally
        {
            await backend.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task<List<OrchestrationMetadata>> WaitAllAsync(DevelopmentDurableClient client, string[] ids, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var pending = new HashSet<string>(ids, StringComparer.Ordinal);
        var finished = new List<OrchestrationMetadata>();
        var stall = Stopwatch.StartNew();
        while (pending.Count > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            int before = pending.Count;
            foreach (string id in pending.ToArray())
            {
                if (await client.GetStatusAsync(id, includeInputsAndOutputs: true, cancellationToken).ConfigureAwait(false) is { IsCompleted: true } status)
                {
                    finished.Add(status);
                    pending.Remove(id);
                }
            }

            if (pending.Count < before)
            {
                stall.Restart();
                progress?.Report($"{finished.Count}/{ids.Length} finished");
            }
            else if (stall.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"no orchestration finished for 2 minutes; {pending.Count} still running");
            }
        }

        return finished;
    }
}
