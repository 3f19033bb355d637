using PredictiveMigration.Domain.Placement;

namespace PredictiveMigration.Domain.Tests.Placement;

public class PlacementPlannerTests
{
    private static double Latency(string a, string b) => a == b ? 1 : (a, b) is ("we", "ne") or ("ne", "we") ? 20 : 90;

    private static readonly PlacementPlanner Planner = new(new PlacementPolicy(), Latency);

    private static PlacementTarget Vm(string size, string region, double cores, double memory, double cost, int count = 100, string sla = "standard") =>
        new($"{region}/{size}", TargetKind.NewVm, region, size, new ResourceDemand(cores, memory, 10_000, 10_000), cost, count, sla);

    private static PlacementRequest Server(string id, double cores, double memory, string region = "we", double budget = 50, string sla = "standard", string? group = null) =>
        new(id, new ResourceDemand(cores, memory, 100, 100), region, 100, region, budget, sla, group);

    [Fact]
    public void Plan_PicksTheCheapestTargetThatFitsDemandPlusHeadroom()
    {
        // 4 cores × 1.2 = 4.8: a 4-core VM is too small even though it matches the raw demand.
        PlacementTarget[] targets = [Vm("D4", "we", 4, 16, 140), Vm("D8", "we", 8, 32, 280), Vm("E8", "we", 8, 64, 370)];

        var decision = Planner.Plan([Server("s1", 4, 10)], targets).Single();

        Assert.Equal(PlacementStrategy.ResizeInPlace, decision.Strategy);
        Assert.Equal("D8", decision.Targets.Single().Size);
        Assert.Equal(180, decision.CostDeltaPerMonth);
        Assert.Contains("cheapest of 2 targets", decision.Explanation, StringComparison.Ordinal);
        Assert.Contains("1 by size", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TargetBeyondTheLatencyBudget_IsExcludedAndNamed()
    {
        PlacementTarget[] targets = [Vm("D8", "us", 8, 32, 200), Vm("D8", "ne", 8, 32, 260)];

        var decision = Planner.Plan([Server("s1", 4, 10, budget: 50)], targets).Single();

        Assert.Equal((PlacementStrategy.MoveRegion, "ne"), (decision.Strategy, decision.Targets.Single().Region));
        Assert.Contains("1 by latency", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_RegionalQuota_IsSharedAcrossServers()
    {
        PlacementTarget[] targets = [Vm("D8", "we", 8, 32, 200), Vm("D8", "ne", 8, 32, 260)];

        var decisions = Planner.Plan([Server("a", 4, 10), Server("b", 4, 10)], targets, new Dictionary<string, double> { ["we"] = 8 });

        Assert.Equal(["we", "ne"], decisions.Select(d => d.Targets.Single().Region));
        Assert.Contains("1 by quota", decisions[1].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TargetCapacity_IsConsumed()
    {
        PlacementTarget[] targets = [Vm("D8", "we", 8, 32, 200, count: 1), Vm("D16", "we", 16, 64, 400)];

        var decisions = Planner.Plan([Server("a", 4, 10), Server("b", 4, 10)], targets);

        Assert.Equal(["D16", "D8"], decisions.Select(d => d.Targets.Single().Size).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Plan_AntiAffinityGroup_NeverSharesAHost()
    {
        var host = new PlacementTarget("host-1", TargetKind.ExistingHost, "we", "host", new ResourceDemand(64, 256, 100_000, 100_000), 50);
        PlacementTarget[] targets = [host, Vm("D8", "we", 8, 32, 200)];

        var decisions = Planner.Plan([Server("a", 4, 10, group: "db"), Server("b", 4, 10, group: "db"), Server("c", 4, 10)], targets);

        Assert.Equal(["host-1", "we/D8", "host-1"], decisions.Select(d => d.Targets.Single().Id));
        Assert.Equal(PlacementStrategy.Move, decisions[0].Strategy);
    }

    [Fact]
    public void Plan_HostHeadroom_IsSharedByEverythingPlacedOnIt()
    {
        var host = new PlacementTarget("host-1", TargetKind.ExistingHost, "we", "host", new ResourceDemand(9, 100, 100_000, 100_000), 50);

        var decisions = Planner.Plan([Server("a", 4, 10), Server("b", 4, 10)], [host]);

        Assert.Equal(PlacementStrategy.Move, decisions[0].Strategy);
        Assert.Equal(PlacementStrategy.Unplaceable, decisions[1].Strategy);
    }

    [Fact]
    public void Plan_DemandLargerThanAnyTarget_IsSplit()
    {
        PlacementTarget[] targets = [Vm("D8", "we", 8, 32, 200)];

        var decision = Planner.Plan([Server("big", 12, 40)], targets).Single();

        Assert.Equal(PlacementStrategy.Split, decision.Strategy);
        Assert.Equal(2, decision.Targets.Count);
        Assert.Equal(400, decision.MonthlyCost);
    }

    [Fact]
    public void Plan_PremiumSla_NeedsAPremiumTarget()
    {
        PlacementTarget[] targets = [Vm("D8", "we", 8, 32, 200), Vm("D8p", "we", 8, 32, 300, sla: "premium")];

        var decision = Planner.Plan([Server("p", 4, 10, sla: "premium")], targets).Single();

        Assert.Equal("D8p", decision.Targets.Single().Size);
    }

    [Fact]
    public void Plan_NothingFits_IsUnplaceableWithTheReasons()
    {
        var decision = Planner.Plan([Server("x", 100, 1000, budget: 5)], [Vm("D8", "us", 8, 32, 200)]).Single();

        Assert.Equal(PlacementStrategy.Unplaceable, decision.Strategy);
        Assert.Contains("1 by latency", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_InvalidHeadroom_NamesTheSetting()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PlacementPlanner(new PlacementPolicy(Headroom: -1), Latency));

        Assert.Contains("Placement:Headroom", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Greedy_OnRandomSmallInstances_NeverBeatsTheOptimumAndStaysWithinABoundedGap()
    {
        var random = new Random(17);
        var policy = new PlacementPolicy(MaxSplit: 1);
        var planner = new PlacementPlanner(policy, Latency);
        int exact = 0, morePlaced = 0, comparable = 0;
        var worst = 0.0;
        const int Instances = 200;
        for (var n = 0; n < Instances; n++)
        {
            var (requests, targets, quota) = RandomInstance(random);

            var greedy = PlacementPlanner.TotalCost(planner.Plan(requests, targets, quota));
            var optimum = ExhaustivePlanner.OptimalCost(requests, targets, policy, Latency, quota);

            Assert.True(greedy >= optimum - 1e-6, $"instance {n}: greedy {greedy} below the optimum {optimum}: one of the two is wrong");
            var unplacedGreedy = Math.Round(greedy / ExhaustivePlanner.UnplacedPenalty, MidpointRounding.ToZero);
            var unplacedOptimum = Math.Round(optimum / ExhaustivePlanner.UnplacedPenalty, MidpointRounding.ToZero);
            if (unplacedGreedy > unplacedOptimum)
            {
                morePlaced++;
                continue;
            }

            comparable++;
            var gap = (greedy - optimum) / optimum;
            exact += gap < 1e-9 ? 1 : 0;
            worst = Math.Max(worst, gap);
        }

        // Measured with seed 17 (docs/placement.md); the bounds leave a little room but catch a regression.
        Assert.True(morePlaced <= Instances * 0.05, $"greedy left a server unplaced that the optimum placed on {morePlaced}/{Instances} instances");
        Assert.True(exact >= comparable * 0.8, $"greedy was optimal on {exact}/{comparable} comparable instances");
        Assert.True(worst <= 0.5, $"worst cost gap {worst:P1} over {comparable} comparable instances");
        TestContext.Current.SendDiagnosticMessage($"placement: unplaced-excess {morePlaced}/{Instances}, optimal {exact}/{comparable}, worst gap {worst:P1}");
    }

    internal static (List<PlacementRequest>, List<PlacementTarget>, Dictionary<string, double>) RandomInstance(Random random)
    {
        string[] regions = ["we", "ne", "us"];
        var targets = new List<PlacementTarget>();
        foreach (var region in regions)
        {
            foreach (var (size, cores, cost) in new[] { ("S", 4.0, 100.0), ("M", 8.0, 190.0), ("L", 16.0, 370.0) })
            {
                if (random.NextDouble() < 0.6)
                {
                    targets.Add(Vm(size, region, cores, cores * 4, cost * (region == "us" ? 0.9 : 1.0), count: random.Next(1, 3)));
                }
            }
        }

        if (random.NextDouble() < 0.5)
        {
            targets.Add(new PlacementTarget("host", TargetKind.ExistingHost, "we", "host", new ResourceDemand(12, 48, 100_000, 100_000), 40));
        }

        var requests = Enumerable.Range(0, random.Next(2, 7))
            .Select(i => Server($"s{i}", random.Next(1, 10), random.Next(2, 30), regions[random.Next(3)], budget: random.Next(2) == 0 ? 50 : 200, group: random.Next(3) == 0 ? "g" : null))
            .ToList();
        var quota = new Dictionary<string, double> { ["we"] = random.Next(8, 40) };
        return (requests, targets, quota);
    }
}
