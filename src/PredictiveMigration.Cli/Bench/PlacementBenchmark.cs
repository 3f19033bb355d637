using System.Diagnostics;
using PredictiveMigration.Domain.Placement;

namespace PredictiveMigration.Cli.Bench;

/// <summary>
/// <c>pm bench placement</c>: plans a synthetic fleet (default 10,000 servers × 500 candidate targets across 10
/// regions), timing it and reading peak memory; then, on random small cases, compares the planner with the
/// exhaustive optimum: the mean and worst cost gap where both place every server, and how often the planner leaves a
/// server unplaced that the optimum places.
/// </summary>
internal static class PlacementBenchmark
{
    public sealed record Result(int Servers, int Targets, double Seconds, double PeakMb, int Unplaced, double MeanGap, double MaxGap, int UnplacedExcess, int SmallCases);

    /// <summary>Regions on a line, 15 ms apart (deterministic; names end in their index).</summary>
    private static double Latency(string a, string b) => a == b ? 1 : (Math.Abs(Index(a) - Index(b)) * 15) + 10;

    private static int Index(string region) => region[^1] - '0' + (region.Length > 1 && char.IsDigit(region[^2]) ? (region[^2] - '0') * 10 : 0);

    public static Result Run(int servers, int targetCount, int smallCases, int seed)
    {
        var random = new Random(seed);
        var regions = Enumerable.Range(0, 10).Select(r => $"region{r}").ToArray();
        var targets = new List<PlacementTarget>(targetCount);
        for (var t = 0; t < targetCount; t++)
        {
            var region = regions[t % regions.Length];
            if (t % 5 == 4)
            {
                var cores = random.Next(16, 65);
                targets.Add(new PlacementTarget($"host-{t}", TargetKind.ExistingHost, region, "host", new ResourceDemand(cores, cores * 4, 50_000, 10_000), random.Next(20, 80)));
            }
            else
            {
                var cores = 2 << random.Next(0, 5);
                targets.Add(new PlacementTarget($"{region}/size{t}", TargetKind.NewVm, region, $"size{t}", new ResourceDemand(cores, cores * (random.Next(2) == 0 ? 4 : 8), cores * 1000, cores * 500), cores * (35 + random.Next(0, 15)), Count: random.Next(20, 200), SlaTier: t % 3 == 0 ? "premium" : "standard"));
            }
        }

        var requests = Enumerable.Range(0, servers).Select(i => new PlacementRequest(
            $"vm-{i}",
            new ResourceDemand(random.Next(1, 17), random.Next(2, 65), random.Next(100, 8000), random.Next(10, 2000)),
            regions[random.Next(regions.Length)],
            random.Next(50, 900),
            regions[random.Next(regions.Length)],
            random.Next(40, 160),
            random.Next(20) == 0 ? "premium" : "standard",
            random.Next(10) == 0 ? $"group-{random.Next(50)}" : null)).ToList();
        var quota = regions.ToDictionary(r => r, _ => (double)random.Next(20_000, 60_000));

        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var planner = new PlacementPlanner(new PlacementPolicy(), Latency);
        var watch = Stopwatch.StartNew();
        var decisions = planner.Plan(requests, targets, quota);
        var seconds = watch.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peakMb = process.PeakWorkingSet64 / (1024.0 * 1024);
        GC.KeepAlive(before);

        var (meanGap, maxGap, excess) = SmallCaseGaps(smallCases, seed);
        return new Result(servers, targetCount, seconds, peakMb, decisions.Count(d => d.Strategy == PlacementStrategy.Unplaceable), meanGap, maxGap, excess, smallCases);
    }

    private static (double Mean, double Max, int UnplacedExcess) SmallCaseGaps(int cases, int seed)
    {
        var random = new Random(seed + 1);
        var policy = new PlacementPolicy(MaxSplit: 1);
        var planner = new PlacementPlanner(policy, Latency);
        var gaps = new List<double>();
        var excess = 0;
        string[] regions = ["a", "b", "c"];
        for (var n = 0; n < cases; n++)
        {
            var targets = new List<PlacementTarget>();
            foreach (var region in regions)
            {
                foreach (var (size, cores, cost) in new[] { ("S", 4.0, 100.0), ("M", 8.0, 190.0), ("L", 16.0, 370.0) })
                {
                    if (random.NextDouble() < 0.6)
                    {
                        targets.Add(new PlacementTarget($"{region}/{size}", TargetKind.NewVm, region, size, new ResourceDemand(cores, cores * 4, 10_000, 10_000), cost * (1 + (random.NextDouble() * 0.2)), random.Next(1, 3)));
                    }
                }
            }

            var requests = Enumerable.Range(0, random.Next(2, 7))
                .Select(i => new PlacementRequest($"s{i}", new ResourceDemand(random.Next(1, 10), random.Next(2, 30), 100, 100), regions[random.Next(3)], 100, regions[random.Next(3)], random.Next(2) == 0 ? 50 : 200))
                .ToList();
            var quota = new Dictionary<string, double> { ["a"] = random.Next(8, 40) };
            var greedy = PlacementPlanner.TotalCost(planner.Plan(requests, targets, quota));
            var optimum = ExhaustivePlanner.OptimalCost(requests, targets, policy, Latency, quota);
            if (Math.Floor(greedy / ExhaustivePlanner.UnplacedPenalty) > Math.Floor(optimum / ExhaustivePlanner.UnplacedPenalty))
            {
                excess++;
                continue;
            }

            gaps.Add((greedy - optimum) / optimum);
        }

        return (gaps.Count == 0 ? 0 : gaps.Average(), gaps.Count == 0 ? 0 : gaps.Max(), excess);
    }
}
