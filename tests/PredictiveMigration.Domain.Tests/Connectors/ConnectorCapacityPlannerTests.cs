using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Connectors;
using static PredictiveMigration.Domain.Tests.Connectors.ConnectorScenario;

namespace PredictiveMigration.Domain.Tests.Connectors;

public class ConnectorCapacityPlannerTests
{
    private static readonly ConnectorCapacityPlanner Planner = new();

    // 8 × 90 GB at 10:00, 100 MB/s each: 15 minutes, 8 transfers, 800 MB/s. Active connectors carry 4 tasks and
    // 400 MB/s; with 20 % headroom, 960 MB/s needs ⌈2.4⌉ = 3 connectors (tasks alone would need 2).
    private static readonly MigrationLoadItem[] BurstAtTen = [.. Burst("m", 8, Nine.AddHours(1))];

    private static ConnectorPlan PlanAt(DateTimeOffset now, IEnumerable<MigrationLoadItem> items, IReadOnlyList<Connector>? fleet = null, ConnectorCapacityPlanner? planner = null, IReadOnlyDictionary<string, RegionQuota>? quotas = null, double mbps = 100) =>
        (planner ?? Planner).Plan(now, new ConnectorFleetState(fleet ?? [], quotas), Forecaster(mbps).Forecast(now, items));

    private static Connector Active(string id, DateTimeOffset since, params string[] tasks) =>
        new(id, "westeurope", "Standard_D4s_v3", ConnectorState.Active, 400, 4, tasks, since);

    private static Connector Warm(string id, DateTimeOffset since) =>
        new(id, "westeurope", "Standard_D2s_v3", ConnectorState.Warm, 0, 0, [], since);

    [Fact]
    public void Plan_BurstNextHour_ProvisionsTheNeededCountOnceWithinTheLeadTime()
    {
        var early = PlanAt(Nine, BurstAtTen);
        var justBefore = PlanAt(Nine.AddMinutes(35), BurstAtTen);
        var inTime = PlanAt(Nine.AddMinutes(40), BurstAtTen);

        // Provisioning (15 min) + activation (5 min) + one plan interval (5 min) = 25 min ahead of 10:00.
        Assert.Empty(early.Actions);
        Assert.Equal((3, Nine.AddHours(1)), (early.Regions.Single().PeakNeed, early.Regions.Single().PeakAt));
        Assert.Empty(justBefore.Actions);
        Assert.Equal(["pmconn-westeurope-01", "pmconn-westeurope-02", "pmconn-westeurope-03"], inTime.Actions.Select(a => a.ConnectorId));
        Assert.All(inTime.Actions, a => Assert.Equal((ConnectorActionKind.Provision, "Standard_D2s_v3"), (a.Kind, a.Size)));
        Assert.Contains("3 connectors needed at 10:00 UTC", inTime.Actions[0].Reason, StringComparison.Ordinal);
        Assert.Empty(inTime.Bottlenecks);
    }

    [Fact]
    public void Plan_RunEveryFiveMinutes_ProvisionsWarmsUpScalesDownAfterAndDecommissions()
    {
        var (log, fleet) = Simulate(BurstAtTen, Nine, Nine.AddHours(2), TimeSpan.FromMinutes(5));

        var steps = log.GroupBy(e => (e.At, e.Action.Kind)).Select(g => (g.Key.At, g.Key.Kind, Count: g.Count())).ToList();
        Assert.Equal(
            [
                (Nine.AddMinutes(40), ConnectorActionKind.Provision, 3),
                (Nine.AddMinutes(55), ConnectorActionKind.ScaleUp, 3),
                (Nine.AddMinutes(75), ConnectorActionKind.ScaleDown, 3),
                (Nine.AddMinutes(105), ConnectorActionKind.Decommission, 3),
            ],
            steps);
        Assert.Empty(fleet);
    }

    [Fact]
    public void Plan_LoadWithGaps_DoesNotFlapWithHysteresisButDoesWithout()
    {
        // Bursts at 10:00, 11:00 and 12:00, each 15 minutes long, nothing in between.
        MigrationLoadItem[] items = [.. Burst("a", 8, Nine.AddHours(1)), .. Burst("b", 8, Nine.AddHours(2)), .. Burst("c", 8, Nine.AddHours(3))];
        var flappy = new ConnectorPlanOptions { ScaleDownLookahead = TimeSpan.Zero, MinStateTime = TimeSpan.Zero };

        var (steady, _) = Simulate(items, Nine, Nine.AddHours(4), TimeSpan.FromMinutes(5));
        var (flapping, _) = Simulate(items, Nine, Nine.AddHours(4), TimeSpan.FromMinutes(5), flappy);

        Assert.Equal(3, steady.Count(e => e.Action.Kind == ConnectorActionKind.ScaleUp));
        Assert.Equal(3, steady.Count(e => e.Action.Kind == ConnectorActionKind.Provision));
        Assert.Equal(3, steady.Count(e => e.Action.Kind == ConnectorActionKind.ScaleDown));
        Assert.All(steady.Where(e => e.Action.Kind == ConnectorActionKind.ScaleDown), e => Assert.True(e.At >= Nine.AddHours(3).AddMinutes(15), $"scaled down at {e.At:HH:mm}"));
        Assert.True(flapping.Count(e => e.Action.Kind == ConnectorActionKind.ScaleUp) >= 9);
    }

    [Fact]
    public void Plan_ConnectorActivatedMomentsAgo_IsNotScaledDownBeforeMinStateTime()
    {
        Connector[] fleet = [Active("pmconn-westeurope-01", Nine)];

        var tooSoon = PlanAt(Nine.AddMinutes(10), [], fleet);
        var afterCoolDown = PlanAt(Nine.AddMinutes(15), [], fleet);

        Assert.Empty(tooSoon.Actions);
        Assert.Equal(ConnectorActionKind.ScaleDown, afterCoolDown.Actions.Single().Kind);
    }

    [Fact]
    public void Plan_SurplusConnectorCarryingTasks_DrainsItAndNeverScalesItDown()
    {
        Connector[] fleet = [Active("pmconn-westeurope-01", Nine, "m-running"), Active("pmconn-westeurope-02", Nine)];

        var plan = PlanAt(Nine.AddHours(1), [], fleet);

        Assert.Equal(
            [(ConnectorActionKind.ScaleDown, "pmconn-westeurope-02"), (ConnectorActionKind.Drain, "pmconn-westeurope-01")],
            plan.Actions.Select(a => (a.Kind, a.ConnectorId)));
        Assert.Throws<InvalidOperationException>(() => ConnectorTransitions.Apply(fleet[0], new ConnectorAction(ConnectorActionKind.ScaleDown, fleet[0].Id, "westeurope", "Standard_D2s_v3", "test"), Nine, Planner.Options));
    }

    [Fact]
    public void Plan_DrainingConnector_GoesWarmWhenIdleAndIsTakenBackWhenNeeded()
    {
        var draining = Active("pmconn-westeurope-01", Nine) with { State = ConnectorState.Draining };

        var idle = PlanAt(Nine.AddHours(1), [], [draining]);
        var needed = PlanAt(Nine.AddHours(1), Burst("m", 2, Nine.AddHours(1).AddMinutes(5)), [draining]);

        Assert.Equal(ConnectorActionKind.ScaleDown, idle.Actions.Single().Kind);
        Assert.Equal((ConnectorActionKind.ScaleUp, "pmconn-westeurope-01"), (needed.Actions.Single().Kind, needed.Actions.Single().ConnectorId));
    }

    [Fact]
    public void Plan_WarmConnectorsCoverTheNeed_ScalesThemUpInsteadOfProvisioning()
    {
        Connector[] fleet = [Warm("pmconn-westeurope-01", Nine), Warm("pmconn-westeurope-02", Nine), Warm("pmconn-westeurope-03", Nine), Warm("pmconn-westeurope-04", Nine)];

        var plan = PlanAt(Nine.AddMinutes(55), BurstAtTen, fleet);

        // Three warm ones are scaled up; the fourth, warm for 55 minutes and not needed within the hour, goes.
        Assert.Equal(
            [
                (ConnectorActionKind.ScaleUp, "pmconn-westeurope-01", "Standard_D4s_v3"),
                (ConnectorActionKind.ScaleUp, "pmconn-westeurope-02", "Standard_D4s_v3"),
                (ConnectorActionKind.ScaleUp, "pmconn-westeurope-03", "Standard_D4s_v3"),
                (ConnectorActionKind.Decommission, "pmconn-westeurope-04", "Standard_D2s_v3"),
            ],
            plan.Actions.Select(a => (a.Kind, a.ConnectorId, a.Size)));
    }

    [Fact]
    public void Plan_NeedSoonerThanTheLeadTime_ProvisionsAndReportsLateCapacity()
    {
        var plan = PlanAt(Nine.AddMinutes(58), BurstAtTen);

        Assert.Equal(3, plan.Actions.Count(a => a.Kind == ConnectorActionKind.Provision));
        var late = Assert.Single(plan.Bottlenecks);
        Assert.Equal((BottleneckKind.LateCapacity, "westeurope", Nine.AddHours(1)), (late.Kind, late.Region, late.At));
    }

    [Fact]
    public void Plan_QuotaTooSmallForThePeak_ReportsQuotaExceeded()
    {
        var quotas = new Dictionary<string, RegionQuota> { ["westeurope"] = new("westeurope", 0, 8) };

        var plan = PlanAt(Nine, BurstAtTen, quotas: quotas);

        var quota = Assert.Single(plan.Bottlenecks);
        Assert.Equal((BottleneckKind.QuotaExceeded, Nine.AddHours(1)), (quota.Kind, quota.At));
        Assert.Contains("hosts 2", quota.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_PeakBeyondTheRegionLimit_CapsProvisioningAndReportsIt()
    {
        var planner = new ConnectorCapacityPlanner(new ConnectorPlanOptions { MaxConnectorsPerRegion = 2 });

        var plan = PlanAt(Nine.AddMinutes(40), BurstAtTen, planner: planner);

        Assert.Equal(2, plan.Actions.Count);
        Assert.Equal(BottleneckKind.ConnectorLimit, Assert.Single(plan.Bottlenecks).Kind);
    }

    [Fact]
    public void Plan_DeadlineThatCannotBeMet_IsReportedBeforeTheMigrationStarts()
    {
        // 1 TB at 100 MB/s takes 2 h 46 min; the deadline leaves 1 h.
        MigrationLoadItem[] items = [new("huge", "westeurope", 1000 * Gb, Nine.AddHours(1), Nine.AddHours(2)), new("fine", "westeurope", 90 * Gb, Nine.AddHours(1), Nine.AddHours(2))];

        var plan = PlanAt(Nine, items);

        var impossible = Assert.Single(plan.Bottlenecks);
        Assert.Equal((BottleneckKind.DeadlineImpossible, "huge", "westeurope"), (impossible.Kind, impossible.MigrationId, impossible.Region));
        Assert.Contains("the window is 1 h 00 min", impossible.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_DeadlineMetOnlyAtTheMedianRate_IsReportedAtRisk()
    {
        // Median 100 MB/s, pessimistic 50: 300 GB takes 50 min expected, 100 min at worst; the deadline leaves 60.
        var model = TransferRateModel.Learn([], new TransferRateOptions { DefaultRateMBps = 100, DefaultLowFactor = 0.5, DefaultHighFactor = 1 });
        var forecaster = new MigrationLoadForecaster(model, ConnectorPlacement.Anywhere(Latency));

        var plan = Planner.Plan(Nine, new ConnectorFleetState([]), forecaster.Forecast(Nine, [new MigrationLoadItem("risky", "westeurope", 300 * Gb, Nine.AddHours(2), Nine.AddHours(3))]));

        Assert.Equal((BottleneckKind.DeadlineAtRisk, "risky"), (plan.Bottlenecks.Single().Kind, plan.Bottlenecks.Single().MigrationId));
    }

    [Fact]
    public void Plan_SameInputsTwice_GivesTheSameActionsAndFillsGapsInNumbering()
    {
        Connector[] fleet = [Warm("pmconn-westeurope-01", Nine), Warm("pmconn-westeurope-03", Nine)];

        var first = PlanAt(Nine.AddMinutes(40), BurstAtTen, fleet);
        var second = PlanAt(Nine.AddMinutes(40), BurstAtTen, fleet);

        Assert.Equal(first.Actions, second.Actions);
        Assert.Equal(["pmconn-westeurope-02"], first.Actions.Where(a => a.Kind == ConnectorActionKind.Provision).Select(a => a.ConnectorId));
    }

    [Fact]
    public void Options_ActiveSizeWithoutTasks_FailsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ConnectorCapacityPlanner(new ConnectorPlanOptions { ActiveSize = new("Standard_D4s_v3", 4, 16, 400, 0) }));

        Assert.Equal("ActiveSize", ex.ParamName);
    }
}
