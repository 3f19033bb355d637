using System.Globalization;

namespace PredictiveMigration.Domain.Placement;

/// <summary>
/// Chooses targets for many servers at once. Largest demand first, each server takes the cheapest target that fits
/// its forecast upper bound plus headroom on every resource, within its users' latency budget and SLA tier, within
/// regional vCPU quota and the target's remaining capacity, honouring anti-affinity; if no single target fits, the
/// workload is split across 2..<see cref="PlacementPolicy.MaxSplit"/> targets. Greedy, so not always optimal under
/// shared capacity: <see cref="ExhaustivePlanner"/> bounds the gap on small cases (tests, <c>pm bench placement</c>).
/// </summary>
public sealed class PlacementPlanner
{
    private readonly PlacementPolicy _policy;
    private readonly Func<string, string, double> _latencyMs;

    public PlacementPlanner(PlacementPolicy policy, Func<string, string, double> latencyMs)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        _policy = policy;
        _latencyMs = latencyMs;
    }

    public IReadOnlyList<PlacementDecision> Plan(IReadOnlyList<PlacementRequest> requests, IReadOnlyList<PlacementTarget> targets, IReadOnlyDictionary<string, double>? regionCoreQuota = null)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(targets);
        // Two orders, keep the cheaper plan: largest demand first (big workloads need the scarce big targets), and
        // largest regret first (those that lose most if their cheapest target is taken go first).
        var bySize = Enumerable.Range(0, requests.Count)
            .OrderByDescending(i => requests[i].Demand.Cores).ThenByDescending(i => requests[i].Demand.MemoryGb).ThenBy(i => requests[i].ServerId, StringComparer.Ordinal)
            .ToList();
        var first = PlanInOrder(requests, targets, regionCoreQuota, bySize);
        var regret = Regrets(requests, targets, regionCoreQuota);
        var byRegret = Enumerable.Range(0, requests.Count)
            .OrderByDescending(i => regret[i]).ThenByDescending(i => requests[i].Demand.Cores).ThenBy(i => requests[i].ServerId, StringComparer.Ordinal)
            .ToList();
        if (byRegret.SequenceEqual(bySize))
        {
            return first;
        }

        var second = PlanInOrder(requests, targets, regionCoreQuota, byRegret);
        return TotalCost(second) < TotalCost(first) ? second : first;
    }

    /// <summary>Total monthly cost, an unplaced server counting as <see cref="ExhaustivePlanner.UnplacedPenalty"/>.</summary>
    public static double TotalCost(IEnumerable<PlacementDecision> decisions) =>
        decisions.Sum(d => d.Strategy == PlacementStrategy.Unplaceable ? ExhaustivePlanner.UnplacedPenalty : d.MonthlyCost);

    private PlacementDecision[] PlanInOrder(IReadOnlyList<PlacementRequest> requests, IReadOnlyList<PlacementTarget> targets, IReadOnlyDictionary<string, double>? regionCoreQuota, List<int> order)
    {
        var state = new Ledger(targets, regionCoreQuota);
        var decisions = new PlacementDecision[requests.Count];
        foreach (var i in order)
        {
            decisions[i] = PlaceOne(requests[i], targets, state);
        }

        return decisions;
    }

    /// <summary>For each server, second-cheapest minus cheapest fitting target with nothing yet taken (infinite with one option).</summary>
    private double[] Regrets(IReadOnlyList<PlacementRequest> requests, IReadOnlyList<PlacementTarget> targets, IReadOnlyDictionary<string, double>? regionCoreQuota)
    {
        var empty = new Ledger(targets, regionCoreQuota);
        var regrets = new double[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var need = requests[i].Demand.Scale(1 + _policy.Headroom);
            double best = double.PositiveInfinity, next = double.PositiveInfinity;
            for (var t = 0; t < targets.Count; t++)
            {
                if (Excluded(requests[i], need, targets[t], t, empty) is not null)
                {
                    continue;
                }

                var cost = targets[t].MonthlyCost;
                if (cost < best)
                {
                    (best, next) = (cost, best);
                }
                else if (cost < next)
                {
                    next = cost;
                }
            }

            regrets[i] = double.IsPositiveInfinity(best) ? 0 : next - best;
        }

        return regrets;
    }

    private PlacementDecision PlaceOne(PlacementRequest request, IReadOnlyList<PlacementTarget> targets, Ledger state)
    {
        var need = request.Demand.Scale(1 + _policy.Headroom);
        var excluded = new Dictionary<string, int>(StringComparer.Ordinal);
        var feasible = new List<int>();
        for (var t = 0; t < targets.Count; t++)
        {
            if (Excluded(request, need, targets[t], t, state) is { } reason)
            {
                excluded[reason] = excluded.GetValueOrDefault(reason) + 1;
            }
            else
            {
                feasible.Add(t);
            }
        }

        feasible.Sort((a, b) => targets[a].MonthlyCost.CompareTo(targets[b].MonthlyCost) is var c and not 0 ? c : string.CompareOrdinal(targets[a].Id, targets[b].Id));
        var alternatives = feasible.Skip(1).Take(_policy.ExplainTop).Select(t => Describe(targets[t])).ToList();
        var exclusions = string.Join(", ", excluded.OrderByDescending(e => e.Value).Select(e => $"{e.Value} by {e.Key}"));
        if (feasible.Count > 0)
        {
            var chosen = feasible[0];
            state.Take(chosen, need, request.AntiAffinityGroup);
            var target = targets[chosen];
            var strategy = target.Region != request.CurrentRegion ? PlacementStrategy.MoveRegion
                : target.Kind == TargetKind.NewVm ? PlacementStrategy.ResizeInPlace : PlacementStrategy.Move;
            var delta = target.MonthlyCost - request.CurrentMonthlyCost;
            return new PlacementDecision(request.ServerId, strategy, [target], target.MonthlyCost, delta, alternatives,
                string.Create(CultureInfo.InvariantCulture,
                    $"{strategy}: {Describe(target)} ({delta:+0.00;-0.00} $/month): cheapest of {feasible.Count} targets that fit {Format(need)} within {request.LatencyBudgetMs:0} ms of {request.UsersRegion}{(exclusions.Length > 0 ? "; excluded " + exclusions : string.Empty)}."));
        }

        for (var parts = 2; parts <= _policy.MaxSplit; parts++)
        {
            if (TrySplit(request, need, parts, targets, state) is { } split)
            {
                var cost = split.Sum(t => targets[t].MonthlyCost);
                foreach (var t in split)
                {
                    state.Take(t, need.Scale(1.0 / parts), request.AntiAffinityGroup);
                }

                return new PlacementDecision(request.ServerId, PlacementStrategy.Split, [.. split.Select(t => targets[t])], cost, cost - request.CurrentMonthlyCost, alternatives,
                    string.Create(CultureInfo.InvariantCulture,
                        $"Split in {parts}: no single target fits {Format(need)}; {string.Join(" + ", split.Select(t => Describe(targets[t])))} ({cost - request.CurrentMonthlyCost:+0.00;-0.00} $/month)."));
            }
        }

        return new PlacementDecision(request.ServerId, PlacementStrategy.Unplaceable, [], 0, 0, [],
            string.Create(CultureInfo.InvariantCulture, $"Unplaceable: nothing fits {Format(need)} even split in {_policy.MaxSplit}; excluded {exclusions}."));
    }

    private int[]? TrySplit(PlacementRequest request, ResourceDemand need, int parts, IReadOnlyList<PlacementTarget> targets, Ledger state)
    {
        var part = need.Scale(1.0 / parts);
        var trial = state.Copy();
        var chosen = new List<int>(parts);
        for (var p = 0; p < parts; p++)
        {
            var best = -1;
            for (var t = 0; t < targets.Count; t++)
            {
                // Parts of one workload never share a host: a split that lands on one host is no split.
                if ((targets[t].Kind == TargetKind.ExistingHost && chosen.Contains(t)) || Excluded(request, part, targets[t], t, trial) is not null)
                {
                    continue;
                }

                if (best < 0 || targets[t].MonthlyCost < targets[best].MonthlyCost)
                {
                    best = t;
                }
            }

            if (best < 0)
            {
                return null;
            }

            trial.Take(best, part, request.AntiAffinityGroup);
            chosen.Add(best);
        }

        return [.. chosen];
    }

    /// <summary>Why a target cannot take this demand now, or null when it can.</summary>
    private string? Excluded(PlacementRequest request, ResourceDemand need, PlacementTarget target, int index, Ledger state)
    {
        if (request.SlaTier == "premium" && target.SlaTier != "premium")
        {
            return "SLA tier";
        }

        var latency = _latencyMs(target.Region, request.UsersRegion);
        if (double.IsNaN(latency) || latency > request.LatencyBudgetMs)
        {
            return "latency";
        }

        if (!need.FitsIn(state.Free(index)))
        {
            return target.Kind == TargetKind.NewVm && need.FitsIn(target.Capacity) ? "capacity" : "size";
        }

        if (target.Kind == TargetKind.NewVm && !state.QuotaAllows(target))
        {
            return "quota";
        }

        if (request.AntiAffinityGroup is { } group && target.Kind == TargetKind.ExistingHost && state.HostsGroup(index, group))
        {
            return "anti-affinity";
        }

        return null;
    }

    private static string Describe(PlacementTarget t) =>
        string.Create(CultureInfo.InvariantCulture, $"{(t.Kind == TargetKind.NewVm ? "new " + t.Size : "host " + t.Id)} in {t.Region} at {t.MonthlyCost:0.00} $/month");

    private static string Format(ResourceDemand d) =>
        string.Create(CultureInfo.InvariantCulture, $"{d.Cores:0.#} cores, {d.MemoryGb:0.#} GB, {d.Iops:0} IOPS, {d.NetworkMbps:0} Mbit/s");

    /// <summary>What is left: VMs per new-VM target, free resources per host, vCPU quota per region, anti-affinity groups per host.</summary>
    private sealed class Ledger
    {
        private readonly IReadOnlyList<PlacementTarget> _targets;
        private readonly int[] _count;
        private readonly ResourceDemand[] _hostFree;
        private readonly Dictionary<string, double> _quota;
        private readonly HashSet<(int, string)> _groups;

        public Ledger(IReadOnlyList<PlacementTarget> targets, IReadOnlyDictionary<string, double>? quota)
        {
            _targets = targets;
            _count = [.. targets.Select(t => t.Count)];
            _hostFree = [.. targets.Select(t => t.Capacity)];
            _quota = quota is null ? new(StringComparer.OrdinalIgnoreCase) : new(quota, StringComparer.OrdinalIgnoreCase);
            _groups = [];
        }

        private Ledger(Ledger other)
        {
            _targets = other._targets;
            _count = [.. other._count];
            _hostFree = [.. other._hostFree];
            _quota = new(other._quota, StringComparer.OrdinalIgnoreCase);
            _groups = [.. other._groups];
        }

        public Ledger Copy() => new(this);

        public ResourceDemand Free(int t) =>
            _targets[t].Kind == TargetKind.ExistingHost ? _hostFree[t] : _count[t] > 0 ? _targets[t].Capacity : default;

        public bool QuotaAllows(PlacementTarget t) => !_quota.TryGetValue(t.Region, out var left) || left >= t.Capacity.Cores;

        public bool HostsGroup(int t, string group) => _groups.Contains((t, group));

        public void Take(int t, ResourceDemand need, string? group)
        {
            var target = _targets[t];
            if (target.Kind == TargetKind.ExistingHost)
            {
                _hostFree[t] -= need;
                if (group is not null)
                {
                    _groups.Add((t, group));
                }

                return;
            }

            _count[t]--;
            if (_quota.TryGetValue(target.Region, out var left))
            {
                _quota[target.Region] = left - target.Capacity.Cores;
            }
        }
    }
}
