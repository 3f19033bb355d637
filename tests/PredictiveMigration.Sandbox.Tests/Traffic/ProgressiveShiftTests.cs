using System.Diagnostics;
using System.Net.Http.Json;
using PredictiveMigration.Sandbox.Traffic;

namespace PredictiveMigration.Sandbox.Tests.Traffic;

/// <summary>Whole progressive shifts under continuous concurrent load through the real proxy and backends.</summary>
public sealed class ProgressiveShiftTests
{
    private static readonly int[] Steps = [10, 50, 100];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    [Fact(Timeout = 60_000)]
    public async Task Shift_UnderContinuousLoadThroughCutover_AnswersEveryRequest2xx()
    {
        // The source is slower, so requests are in flight on it when it drains.
        await using var rig = await TrafficRig.StartAsync(Ct, source: new BackendBehaviour(TimeSpan.FromMilliseconds(20)), target: new BackendBehaviour(TimeSpan.FromMilliseconds(2)));
        await rig.SetAsync(100, 0, Ct);
        var driver = new ProgressiveShiftDriver(rig.Router, rig.Health, TrafficRig.Group, TrafficRig.Profile);
        long drainedAt = 0;

        await using var load = LoadGenerator.Start(rig.Traffic, "work", concurrency: 8);
        await load.WaitForMoreAsync(100, Ct);
        var outcome = await driver.RunAsync(
            rig.SourceAt(100), rig.TargetAt(0), Steps, bake: TimeSpan.FromMilliseconds(300), poll: TimeSpan.FromMilliseconds(25),
            new ShiftSlo(MaxErrorRate: 0.01, MaxP95LatencyMs: 2_000, MinRequests: 5),
            cutover: async ct =>
            {
                await rig.Source.DrainAsync(ct);
                drainedAt = Stopwatch.GetTimestamp();
            },
            Ct);
        await load.WaitForMoreAsync(200, Ct);
        var results = await load.StopAsync();

        var health = await rig.Admin.GetFromJsonAsync<ProfileHealthDocument>($"admin/profiles/{TrafficRig.Profile}/health?windowMs=600000", Ct);
        var failed = results.Where(r => !r.Ok).ToList();
        Report($"requests={results.Count} failed={failed.Count} source={results.Count(r => r.Backend == "source")} target={results.Count(r => r.Backend == "target")} "
            + $"sourceCompletedWhileDraining={rig.Source.Stats.CompletedWhileDraining} proxyRetries={health!.Retries}");
        Assert.True(outcome.Completed, outcome.Reason);
        Assert.True(failed.Count == 0, $"{failed.Count} of {results.Count} requests failed, first: {failed.FirstOrDefault()}");
        Assert.True(results.Count >= 300, $"only {results.Count} requests");
        Assert.Contains(results, r => r.Backend == "source");
        Assert.Contains(results, r => r.Backend == "target");
        Assert.Equal("Stopped", rig.Source.Stats.State);
        Assert.All(results.Where(r => r.Started > drainedAt), r => Assert.Equal("target", r.Backend));
    }

    [Fact(Timeout = 60_000)]
    public async Task Shift_TargetFailingOneRequestInFive_RollsBackToSourceWithBoundedFailuresBeforeDetection()
    {
        await using var rig = await TrafficRig.StartAsync(Ct, source: new BackendBehaviour(TimeSpan.FromMilliseconds(2)), target: new BackendBehaviour(TimeSpan.FromMilliseconds(2), FailureRate: 0.2));
        await rig.SetAsync(100, 0, Ct);
        var driver = new ProgressiveShiftDriver(rig.Router, rig.Health, TrafficRig.Group, TrafficRig.Profile);

        await using var load = LoadGenerator.Start(rig.Traffic, "work", concurrency: 8);
        await load.WaitForMoreAsync(100, Ct);
        var outcome = await driver.RunAsync(
            rig.SourceAt(100), rig.TargetAt(0), Steps, bake: TimeSpan.FromMilliseconds(400), poll: TimeSpan.FromMilliseconds(25),
            new ShiftSlo(MaxErrorRate: 0.05, MaxP95LatencyMs: 2_000, MinRequests: 10),
            cutover: null, Ct);
        await load.WaitForMoreAsync(300, Ct);
        var results = await load.StopAsync();

        var failedBeforeDetection = results.Count(r => !r.Ok);
        var targetRequests = results.Count(r => r.Backend == "target");
        Report($"requests={results.Count} targetRequests={targetRequests} failedBeforeDetection={failedBeforeDetection} reason={outcome.Reason}");
        Assert.False(outcome.Completed);
        Assert.Equal(10, outcome.Percent);
        Assert.Contains("error rate", outcome.Reason, StringComparison.Ordinal);
        var weights = await rig.Router.GetWeightsAsync(TrafficRig.Group, TrafficRig.Profile, Ct);
        Assert.Equal([("source", 100), ("target", 0)], weights.Value!.Select(e => (e.Name, e.Weight)));
        // The target failed users until detection, and not much more than the detection threshold: 10 target
        // requests at one in five failing is 2 failures; the bound leaves room for a poll interval of load.
        Assert.InRange(failedBeforeDetection, 1, 50);
        Assert.All(results.Where(r => !r.Ok), r => Assert.True(r.Started < outcome.RolledBackAt, "a request failed after the rollback"));
        Assert.All(results.Where(r => r.Started > outcome.RolledBackAt), r => Assert.Equal("source", r.Backend));
        Assert.True(results.Count(r => r.Started > outcome.RolledBackAt) >= 250, "too little load after the rollback to show it");
    }

    [Fact(Timeout = 60_000)]
    public async Task Shift_SlowTarget_RollsBackOnP95Latency()
    {
        await using var rig = await TrafficRig.StartAsync(Ct, source: new BackendBehaviour(TimeSpan.FromMilliseconds(2)), target: new BackendBehaviour(TimeSpan.FromMilliseconds(400)));
        await rig.SetAsync(100, 0, Ct);
        var driver = new ProgressiveShiftDriver(rig.Router, rig.Health, TrafficRig.Group, TrafficRig.Profile);

        await using var load = LoadGenerator.Start(rig.Traffic, "work", concurrency: 8);
        await load.WaitForMoreAsync(50, Ct);
        var outcome = await driver.RunAsync(
            rig.SourceAt(100), rig.TargetAt(0), Steps, bake: TimeSpan.FromMilliseconds(900), poll: TimeSpan.FromMilliseconds(25),
            new ShiftSlo(MaxErrorRate: 0.01, MaxP95LatencyMs: 200, MinRequests: 5),
            cutover: null, Ct);
        var results = await load.StopAsync();

        Report($"requests={results.Count} reason={outcome.Reason}");
        Assert.False(outcome.Completed);
        Assert.Equal(10, outcome.Percent);
        Assert.Contains("p95 latency", outcome.Reason, StringComparison.Ordinal);
        Assert.All(results, r => Assert.True(r.Ok, $"slow is not failed: {r}"));
        var weights = await rig.Router.GetWeightsAsync(TrafficRig.Group, TrafficRig.Profile, Ct);
        Assert.Equal(0, weights.Value!.Single(e => e.Name == "target").Weight);
    }
}
