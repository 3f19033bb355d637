namespace PredictiveMigration.Domain.Placement;

/// <summary>
/// The optimum for small cases, by trying every assignment of single targets (no splits): the reference that
/// measures <see cref="PlacementPlanner"/>'s optimality gap. An unplaceable server costs <see cref="UnplacedPenalty"/>.
/// Exponential: targets^servers assignments, meant for up to about 8 servers × 6 targets.
/// </summary>
public static class ExhaustivePlanner
{
    public const double UnplacedPenalty = 1e9;

    /// <summary>The lowest total monthly cost over all assignments (each server to one target, or unplaced).</summary>
    public static double OptimalCost(IReadOnlyList<PlacementRequest> requests, IReadOnlyList<PlacementTarget> targets, PlacementPolicy policy, Func<string, string, double> latencyMs, IReadOnlyDictionary<string, double>? regionCoreQuota = null)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(policy);
        var needs = requests.Select(r => r.Demand.Scale(1 + policy.Headroom)).ToArray();
        var count = targets.Select(t => t.Count).ToArray();
        var free = targets.Select(t => t.Capacity).ToArray();
        var quota = regionCoreQuota is null ? new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) : new Dictionary<string, double>(regionCoreQuota, StringComparer.OrdinalIgnoreCase);
        var groups = new List<(int Target, string Group)>();
        var best = double.PositiveInfinity;

        void Search(int i, double cost)
        {
            if (cost >= best)
            {
                return;
            }

            if (i == requests.Count)
            {
                best = cost;
                return;
            }

            var request = requests[i];
            for (var t = 0; t < targets.Count; t++)
            {
                var target = targets[t];
                if ((request.SlaTier == "premium" && target.SlaTier != "premium") || !(latencyMs(target.Region, request.UsersRegion) <= request.LatencyBudgetMs))
                {
                    continue;
                }

                if (target.Kind == TargetKind.NewVm)
                {
                    var quotaLeft = quota.TryGetValue(target.Region, out var q) ? q : double.PositiveInfinity;
                    if (count[t] <= 0 || !needs[i].FitsIn(target.Capacity) || quotaLeft < target.Capacity.Cores)
                    {
                        continue;
                    }

                    count[t]--;
                    if (quota.ContainsKey(target.Region))
                    {
                        quota[target.Region] = quotaLeft - target.Capacity.Cores;
                    }

                    Search(i + 1, cost + target.MonthlyCost);
                    count[t]++;
                    if (quota.ContainsKey(target.Region))
                    {
                        quota[target.Region] = quotaLeft;
                    }
                }
                else
                {
                    if (!needs[i].FitsIn(free[t]) || (request.AntiAffinityGroup is { } g && groups.Contains((t, g))))
                    {
                        continue;
                    }

                    free[t] -= needs[i];
                    if (request.AntiAffinityGroup is { } group)
                    {
                        groups.Add((t, group));
                    }

                    Search(i + 1, cost + target.MonthlyCost);
                    free[t] += needs[i];
                    if (request.AntiAffinityGroup is { } added)
                    {
                        groups.Remove((t, added));
                    }
                }
            }

            Search(i + 1, cost + UnplacedPenalty);
        }

        Search(0, 0);
        return best;
    }
}
