using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Domain.Placement;
using PredictiveMigration.Workflows.Recovery;

namespace PredictiveMigration.Workflows.Deciding;

/// <summary>
/// Turns migration candidates (forecasts, failure predictions, manual requests) into migrations: strategy and target
/// through <see cref="PlacementPlanner"/> with the candidate's predicted profile, a start time before the predicted
/// exhaustion (in a maintenance window when possible), within the global limit and one migration per server. In dry
/// run it records decisions and starts nothing. Each pass is idempotent: a candidate's migration id is derived from it.
/// </summary>
public sealed class MigrationController
{
    private readonly IMigrationCandidateStore _candidates;
    private readonly IMigrationStore _migrations;
    private readonly IServerDirectory _servers;
    private readonly IPlacementCatalogSource _catalog;
    private readonly IMigrationLauncher _launcher;
    private readonly PlacementPlanner _planner;
    private readonly PlacementPolicy _placementPolicy;
    private readonly MigrationPolicy _policy;
    private readonly TimeProvider _time;

    public MigrationController(IMigrationCandidateStore candidates, IMigrationStore migrations, IServerDirectory servers, IPlacementCatalogSource catalog,
        IMigrationLauncher launcher, PlacementPolicy placementPolicy, Func<string, string, double> latencyMs, MigrationPolicy policy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(placementPolicy);
        policy.Validate();
        _candidates = candidates;
        _migrations = migrations;
        _servers = servers;
        _catalog = catalog;
        _launcher = launcher;
        _placementPolicy = placementPolicy;
        _planner = new PlacementPlanner(placementPolicy, latencyMs);
        _policy = policy;
        _time = time;
    }

    /// <summary>One pass over the open candidates.</summary>
    public async Task<ControllerPass> RunAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var launched = new List<MigrationDecision>();
        var dryRuns = new List<MigrationDecision>();
        var deferred = new List<(string, string)>();
        var skipped = new List<(string, string)>();

        var open = await _candidates.ListOpenAsync(cancellationToken).ConfigureAwait(false);
        var active = await _migrations.ListAsync(activeOnly: true, cancellationToken).ConfigureAwait(false);
        var busy = new HashSet<string>(active.Select(m => m.ServerId), StringComparer.Ordinal);
        var slots = _policy.MaxConcurrent - active.Count;
        PlacementCatalog? catalog = null;

        // Failure predictions first (the server itself is going), then manual requests, then by risk.
        var ordered = open.OrderBy(c => c.Source switch { CandidateSource.FailurePrediction => 0, CandidateSource.Manual => 1, _ => 2 })
            .ThenByDescending(c => c.RiskScore).ThenBy(c => DecisionFactory.Deadline(c) ?? DateTimeOffset.MaxValue).ThenBy(c => c.ServerId, StringComparer.Ordinal);
        foreach (var candidate in ordered)
        {
            var id = DecisionFactory.MigrationId(candidate);
            if (await _migrations.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                // Decided in an earlier pass that stopped before it finished: start again (idempotent) and consume.
                if (existing.Status == MigrationStatus.Scheduled)
                {
                    await _launcher.LaunchAsync(existing.Decision, cancellationToken).ConfigureAwait(false);
                    launched.Add(existing.Decision);
                }

                if (existing.Status != MigrationStatus.DryRun)
                {
                    await _candidates.ConsumeAsync(candidate.ServerId, id, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (candidate.Source == CandidateSource.Forecast && candidate.RiskScore < _policy.MinRiskScore)
            {
                skipped.Add((candidate.ServerId, $"risk {candidate.RiskScore} below the threshold {_policy.MinRiskScore}"));
                continue;
            }

            if (!_policy.DryRun && busy.Contains(candidate.ServerId))
            {
                deferred.Add((candidate.ServerId, "a migration of this server is already running"));
                continue;
            }

            if (!_policy.DryRun && slots <= 0)
            {
                deferred.Add((candidate.ServerId, $"the limit of {_policy.MaxConcurrent} concurrent migrations is reached"));
                continue;
            }

            var server = await _servers.GetAsync(candidate.ServerId, cancellationToken).ConfigureAwait(false);
            if (server is null)
            {
                skipped.Add((candidate.ServerId, "unknown server"));
                continue;
            }

            catalog ??= await _catalog.GetAsync(cancellationToken).ConfigureAwait(false);
            var decision = Decide(candidate, server, catalog, now, excludeRegion: null, id);
            if (decision is null)
            {
                skipped.Add((candidate.ServerId, "no target fits the predicted demand"));
                continue;
            }

            if (_policy.DryRun)
            {
                await _migrations.CreateAsync(decision, MigrationStatus.DryRun, now, cancellationToken).ConfigureAwait(false);
                dryRuns.Add(decision);
                continue;
            }

            await _migrations.CreateAsync(decision, MigrationStatus.Scheduled, now, cancellationToken).ConfigureAwait(false);
            await _launcher.LaunchAsync(decision, cancellationToken).ConfigureAwait(false);
            await _candidates.ConsumeAsync(candidate.ServerId, id, cancellationToken).ConfigureAwait(false);
            busy.Add(candidate.ServerId);
            slots--;
            launched.Add(decision);
        }

        return new ControllerPass(launched, dryRuns, deferred, skipped);
    }

    /// <summary>
    /// A recovery plan for a failed region: every server there moves to another region (strategy MoveRegion), no
    /// approval, no maintenance window, in priority order, <see cref="MigrationPolicy.RecoveryParallelism"/> at once.
    /// Servers nothing can take are listed in the returned skipped list.
    /// </summary>
    public async Task<(RecoveryPlan Plan, IReadOnlyList<string> Unplaceable)> PlanRecoveryAsync(string failedRegion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(failedRegion);
        var now = _time.GetUtcNow();
        var servers = await _servers.ListInRegionAsync(failedRegion, cancellationToken).ConfigureAwait(false);
        var catalog = await _catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var decisions = new List<MigrationDecision>();
        var unplaceable = new List<string>();
        var planId = $"dr-{failedRegion.ToLowerInvariant()}-{now.UtcDateTime:yyyyMMddHHmmss}";
        foreach (var server in servers.OrderBy(s => s.Source.Priority).ThenBy(s => s.Source.ServerId, StringComparer.Ordinal))
        {
            var candidate = new MigrationCandidate(server.Source.ServerId, now, CandidateSource.FailurePrediction, 100, null, null, null,
                [$"region {failedRegion} failed"], null, "recovery");
            var decision = Decide(candidate, server, catalog, now, excludeRegion: failedRegion, $"{planId}-{decisions.Count:D3}");
            if (decision is null)
            {
                unplaceable.Add(server.Source.ServerId);
                continue;
            }

            decisions.Add(decision with { Strategy = MigrationStrategy.MoveRegion, ApprovalRequired = false, NotBefore = null, RollbackWindow = TimeSpan.Zero });
        }

        return (new RecoveryPlan(planId, failedRegion, decisions, _policy.RecoveryParallelism), unplaceable);
    }

    private MigrationDecision? Decide(MigrationCandidate candidate, ServerProfile server, PlacementCatalog catalog, DateTimeOffset now, string? excludeRegion, string id)
    {
        var demand = DecisionFactory.Demand(candidate.Profile, server.Placement.Demand);
        var targets = catalog.Targets.Where(t => t.Kind == TargetKind.NewVm && (excludeRegion is null || !string.Equals(t.Region, excludeRegion, StringComparison.OrdinalIgnoreCase))).ToList();
        var placed = _planner.Plan([server.Placement with { Demand = demand }], targets, catalog.RegionCoreQuota)[0];
        if (placed.Strategy == PlacementStrategy.Unplaceable || placed.Targets.Count == 0)
        {
            return null;
        }

        var deadline = DecisionFactory.Deadline(candidate);
        var urgent = candidate.Source == CandidateSource.FailurePrediction;
        var start = urgent ? null : DecisionFactory.StartTime(now, deadline, _policy.MaintenanceWindows, _policy.ExpectedDuration);
        var share = 1.0 / placed.Targets.Count;
        var migrationTargets = placed.Targets.Select((t, i) =>
        {
            var vm = DecisionFactory.TargetVmName(server.Source.VmName, id, i, placed.Targets.Count);
            var phases = DecisionFactory.Phases(t, targets, candidate.Profile, server.Placement.Demand, share, _placementPolicy.Headroom, _policy.FirstPhase, start ?? now);
            return new MigrationTarget(i, server.Source.ResourceGroup, vm, t.Region, DecisionFactory.TargetDisk(server.Source.Disk, vm), Endpoint(vm, t.Region), phases);
        }).ToList();
        var reason = candidate.Reasons.Count > 0 ? string.Join("; ", candidate.Reasons) : $"{candidate.Source} request";
        var decision = new MigrationDecision(
            id, candidate.ServerId, reason, DecisionFactory.Strategy(placed.Strategy, candidate.Source), server.Source, migrationTargets, _policy.Sla,
            ApprovalRequired: _policy.NeedsApproval(server.Source.Environment, candidate.RiskScore),
            _policy.ApprovalTimeout, _policy.DryRun, _policy.TrafficSteps, _policy.BakeTime, _policy.Rpo, _policy.MaxReplicationCycles,
            _policy.ReplicationInterval, _policy.RollbackWindow, start, deadline, candidate.RiskScore, candidate.Source, now, placed.Explanation);
        decision.Validate();
        return decision;
    }

    private string Endpoint(string vm, string region) =>
        _policy.TargetEndpointTemplate.Replace("{vm}", vm, StringComparison.Ordinal).Replace("{region}", region.ToLowerInvariant(), StringComparison.Ordinal);
}
