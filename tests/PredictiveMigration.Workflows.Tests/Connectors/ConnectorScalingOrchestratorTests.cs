using System.Text.Json;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Replay;
using PredictiveMigration.Workflows.Connectors;

namespace PredictiveMigration.Workflows.Tests.Connectors;

public sealed class ConnectorScalingOrchestratorTests
{
    private static readonly DateTimeOffset T0 = ConnectorWorld.T0;

    [Fact]
    public void Rounds_BurstAhead_ProvisionWarmAheadThenActivateBeforeItStarts()
    {
        // Arrange: 8 × 90 GB scheduled for 10:20 (50 MB/s default rate): 8 tasks → 2 active connectors.
        var world = new ConnectorWorld().WithBurst(8, T0.AddMinutes(20));
        var harness = world.Harness();

        // Act: rounds at 10:00, 10:05, 10:10.
        var last = harness.Run(3);

        // Assert: provisioned warm at 10:00 (20 min ahead), nothing at 10:05, both activated at 10:10 (before 10:20).
        Assert.Equal(OrchestrationStatus.ContinuedAsNew, last.OrchestrationStatus);
        var round1 = ConnectorWorld.AppliedIn(harness, 1);
        Assert.Equal(["pmconn-westeurope-01", "pmconn-westeurope-02"], round1.Select(a => a.ConnectorId));
        Assert.All(round1, a => Assert.Equal(ConnectorActionKind.Provision, a.Kind));
        Assert.Empty(ConnectorWorld.AppliedIn(harness, 2));
        var round3 = ConnectorWorld.AppliedIn(harness, 3);
        Assert.Equal([ConnectorActionKind.ScaleUp, ConnectorActionKind.ScaleUp], round3.Select(a => a.Kind));
        Assert.All(world.Store.Connectors.Values, c =>
        {
            Assert.Equal(ConnectorState.Active, c.State);
            Assert.Equal(T0.AddMinutes(10), c.StateSince);
        });
        Assert.Equal(4, world.Cloud.Applied.Count);
    }

    [Fact]
    public void Round_PermanentFailure_IsRecordedSkippedAndReplannedNextRound()
    {
        var world = new ConnectorWorld().WithBurst(8, T0.AddMinutes(20));
        world.Cloud.Script = (a, attempt) => a.ConnectorId == "pmconn-westeurope-01" && attempt == 1
            ? new CloudFailure("OperationNotAllowed", "quota", 409, null, Transient: false)
            : null;
        var harness = world.Harness();

        var last = harness.Run(2);

        // Round 1: 01 failed once (no retry), 02 still applied; the failure is carried and shown.
        Assert.Equal(["pmconn-westeurope-01", "pmconn-westeurope-02"], ConnectorWorld.AppliedIn(harness, 1).Select(a => a.ConnectorId));
        var carried = ConnectorHarness.Read<ConnectorScalingState>(harness.Inputs[1]);
        var failure = Assert.Single(carried.Failures);
        Assert.Equal(("pmconn-westeurope-01", "OperationNotAllowed", 1, 1), (failure.Action.ConnectorId, failure.Code, failure.Attempts, failure.Round));
        Assert.Equal((1L, 1L), (carried.AppliedTotal, carried.FailedTotal));
        var status1 = ConnectorHarness.Read<ConnectorScalingStatus>(harness.FinalStatuses[0]);
        Assert.Equal((2, 1), (status1.Actions, status1.Applied));
        Assert.Contains("1 failed", status1.Summary, StringComparison.Ordinal);

        // Round 2 re-plans the missing connector from the store and provisions it.
        var round2 = ConnectorWorld.AppliedIn(harness, 2);
        var again = Assert.Single(round2);
        Assert.Equal((ConnectorActionKind.Provision, "pmconn-westeurope-01"), (again.Kind, again.ConnectorId));
        Assert.Equal(2, world.Store.Connectors.Count);
        var after2 = ConnectorHarness.Read<ConnectorScalingState>(last.Result);
        Assert.Empty(after2.Failures);
        Assert.Equal((2, 2L, 1L), (after2.Round, after2.AppliedTotal, after2.FailedTotal));
    }

    [Fact]
    public void Round_TransientFailure_RetriesAfterTheCloudsWait()
    {
        var world = new ConnectorWorld().WithBurst(8, T0.AddMinutes(20));
        world.Cloud.Script = (a, attempt) => a.ConnectorId == "pmconn-westeurope-01" && attempt == 1
            ? new CloudFailure("Throttled", "too many requests", 429, TimeSpan.FromSeconds(20), Transient: true)
            : null;
        var harness = world.Harness();

        harness.Run(1);

        Assert.Equal(["pmconn-westeurope-01", "pmconn-westeurope-01", "pmconn-westeurope-02"], ConnectorWorld.AppliedIn(harness, 1).Select(a => a.ConnectorId));
        Assert.Equal([ConnectorHarness.T0.AddSeconds(20), ConnectorHarness.T0.AddMinutes(5)], harness.Timers.Select(t => t.FireAt));
        var status = ConnectorHarness.Read<ConnectorScalingStatus>(harness.FinalStatuses[0]);
        Assert.Equal((2, 0), (status.Applied, status.Failed.Count));
        Assert.Equal(2, world.Store.Connectors.Count);
    }

    [Fact]
    public void Round_TransientFailureThatPersists_GivesUpAfterTheAttemptsAndRecordsIt()
    {
        var world = new ConnectorWorld().WithBurst(8, T0.AddMinutes(20));
        world.Cloud.Script = (a, _) => a.ConnectorId == "pmconn-westeurope-02" ? new CloudFailure("ServerError", "boom", 503, null, Transient: true) : null;
        var harness = world.Harness();

        var last = harness.Run(1);

        Assert.Equal(1 + ConnectorScalingOrchestrator.TransientAttempts, ConnectorWorld.AppliedIn(harness, 1).Count);
        var failure = Assert.Single(ConnectorHarness.Read<ConnectorScalingState>(last.Result).Failures);
        Assert.Equal(("ServerError", ConnectorScalingOrchestrator.TransientAttempts), (failure.Code, failure.Attempts));
    }

    [Fact]
    public void Round_PlanningFails_SkipsTheRoundAfterRetriesAndTriesAgainNextInterval()
    {
        var world = new ConnectorWorld();
        var harness = world.Harness(plan: (_, _) => throw new InvalidOperationException("storage down"));

        var last = harness.Run(1);

        Assert.Equal(3, harness.Calls.Count(c => c.Name == ConnectorActivities.Plan));
        Assert.DoesNotContain(harness.Calls, c => c.Name == ConnectorActivities.Apply);
        var state = ConnectorHarness.Read<ConnectorScalingState>(last.Result);
        Assert.Equal((1, 1), (state.Round, state.PlanFailures));
        Assert.Contains("storage down", state.LastError, StringComparison.Ordinal);
        var status = ConnectorHarness.Read<ConnectorScalingStatus>(harness.FinalStatuses[0]);
        Assert.StartsWith("round 1: planning failed: ", status.Summary, StringComparison.Ordinal);
        // The retry waits (15 s, 30 s) then the round's interval from the round's start.
        Assert.Equal(ConnectorHarness.T0.AddMinutes(5), harness.Timers[^1].FireAt);
    }

    [Fact]
    public void ContinueAsNew_CarriesASmallStateIntoTheNextRound()
    {
        var world = new ConnectorWorld().WithBurst(8, T0.AddMinutes(20));
        var harness = world.Harness();

        harness.Run(2);

        // Execution 2 started from round 1's state, at the timer's time, and planned for that time.
        var carried = harness.Inputs[1];
        Assert.True(carried.Length < 1024, carried);
        var state = ConnectorHarness.Read<ConnectorScalingState>(carried);
        Assert.Equal((1, TimeSpan.FromMinutes(5), (DateTimeOffset?)T0, 2L, 0L, 0, (string?)null), (state.Round, state.Interval, state.LastPlanAt, state.AppliedTotal, state.FailedTotal, state.PlanFailures, state.LastError));
        Assert.Empty(state.Failures);
        var plans = harness.Calls.Where(c => c.Name == ConnectorActivities.Plan).Select(c => ConnectorHarness.Read<PlanConnectorsInput>(c.Input).Now).ToList();
        Assert.Equal([T0, T0.AddMinutes(5)], plans);
        Assert.Equal([ConnectorHarness.T0.AddMinutes(5), ConnectorHarness.T0.AddMinutes(10)], harness.Timers.Select(t => t.FireAt));
        var status2 = ConnectorHarness.Read<ConnectorScalingStatus>(harness.FinalStatuses[1]);
        Assert.Equal(2, status2.Round);
    }

    [Fact]
    public void CustomStatus_ShowsPhaseSummaryNeedsAndBottlenecks()
    {
        // 4 vCPUs of quota, 8 in use elsewhere: the burst cannot be hosted → QuotaExceeded before it starts.
        var world = new ConnectorWorld { Inventory = new FixedQuotaInventory(coresUsed: 0, coresLimit: 4) }.WithBurst(8, T0.AddMinutes(20));
        var harness = world.Harness();

        harness.Run(1);

        using var doc = JsonDocument.Parse(harness.FinalStatuses[0]!);
        var root = doc.RootElement;
        Assert.Equal("waiting", root.GetProperty("phase").GetString());
        Assert.Equal(1, root.GetProperty("round").GetInt32());
        Assert.Equal(T0, root.GetProperty("plannedAt").GetDateTimeOffset());
        Assert.Equal(T0.AddMinutes(5), root.GetProperty("nextRunAt").GetDateTimeOffset());
        var summary = root.GetProperty("summary").GetString()!;
        Assert.StartsWith("round 1: ", summary, StringComparison.Ordinal);
        Assert.Contains("quotaExceeded", summary, StringComparison.Ordinal);
        Assert.Contains("westeurope: 0 active, 0 warm, need 2 (peak 2)", summary, StringComparison.Ordinal);
        var region = Assert.Single(root.GetProperty("regions").EnumerateArray());
        Assert.Equal("westeurope", region.GetProperty("region").GetString());
        Assert.Equal(2, region.GetProperty("peakNeed").GetInt32());
        var status = ConnectorHarness.Read<ConnectorScalingStatus>(harness.FinalStatuses[0]);
        Assert.Contains(status.Bottlenecks, b => b.Kind == BottleneckKind.QuotaExceeded && b.Region == "westeurope");
        Assert.Equal(status.Actions, root.GetProperty("actions").GetInt32());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("failed").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public void Replay_EveryEpisodeOnAFreshExecutor_GivesTheSameActionsAndStatus()
    {
        var world = new ConnectorWorld().WithBurst(8, T0.AddMinutes(20));
        world.Cloud.Script = (a, attempt) => attempt == 1 && a.ConnectorId.EndsWith("02", StringComparison.Ordinal)
            ? new CloudFailure("Throttled", "slow down", 429, TimeSpan.FromSeconds(5), Transient: true)
            : null;
        var harness = world.Harness();
        harness.Run(3);

        var fresh = new OrchestrationExecutor(ConnectorHarness.Registry, ConnectorHarness.Options);
        Assert.True(harness.Episodes.Count > 10);
        foreach (var (request, response) in harness.Episodes)
        {
            var again = fresh.Execute(request.Clone());
            Assert.Equal(response, again);
        }

        // The same world again gives the same calls, inputs included.
        var world2 = new ConnectorWorld().WithBurst(8, T0.AddMinutes(20));
        world2.Cloud.Script = world.Cloud.Script;
        var harness2 = world2.Harness();
        harness2.Run(3);
        Assert.Equal(harness.Calls, harness2.Calls);
    }
}
