namespace PredictiveMigration.Domain.Migrations;

/// <summary>
/// What the migration controller decided for one server: the input of <c>MigrationOrchestrator</c>. Everything the
/// orchestration needs is here, resource names included, so replays and retries never recompute anything.
/// </summary>
/// <param name="MigrationId">The migration (and orchestration instance) id.</param>
/// <param name="ServerId">The server moved.</param>
/// <param name="Reason">Why, in operator words.</param>
/// <param name="Strategy">How.</param>
/// <param name="Source">The source VM, disk and traffic profile.</param>
/// <param name="Targets">Where to (one, or several for a split).</param>
/// <param name="Sla">What the target must show after each traffic step.</param>
/// <param name="ApprovalRequired">Wait for an operator's approval before touching anything.</param>
/// <param name="ApprovalTimeout">How long to wait for the approval; a timeout rejects the migration.</param>
/// <param name="DryRun">Record the decision and do nothing.</param>
/// <param name="TrafficSteps">Progressive shift, in percent to the target(s), increasing, e.g. 10, 50, 100.</param>
/// <param name="BakeTime">How long each traffic step runs before its health is judged.</param>
/// <param name="Rpo">Replication continues until the lag is below this.</param>
/// <param name="MaxReplicationCycles">Delta cycles allowed to reach <paramref name="Rpo"/> before giving up.</param>
/// <param name="ReplicationInterval">Wait between delta cycles.</param>
/// <param name="RollbackWindow">Keep the source (deallocated) this long after cut-over; zero deletes it at once.</param>
/// <param name="NotBefore">Start no earlier than this (a maintenance window), or null for at once.</param>
/// <param name="Deadline">The predicted exhaustion: the migration should be done before it; null when unknown.</param>
/// <param name="RiskScore">The 0-100 risk score behind the decision.</param>
/// <param name="CandidateSource">Forecast, failure prediction or manual.</param>
/// <param name="DecidedAt">When the controller decided.</param>
/// <param name="Explanation">The placement explanation.</param>
public sealed record MigrationDecision(
    string MigrationId,
    string ServerId,
    string Reason,
    MigrationStrategy Strategy,
    MigrationSource Source,
    IReadOnlyList<MigrationTarget> Targets,
    MigrationSla Sla,
    bool ApprovalRequired,
    TimeSpan ApprovalTimeout,
    bool DryRun,
    IReadOnlyList<int> TrafficSteps,
    TimeSpan BakeTime,
    TimeSpan Rpo,
    int MaxReplicationCycles,
    TimeSpan ReplicationInterval,
    TimeSpan RollbackWindow,
    DateTimeOffset? NotBefore,
    DateTimeOffset? Deadline,
    int RiskScore,
    CandidateSource CandidateSource,
    DateTimeOffset DecidedAt,
    string Explanation)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(MigrationId), nameof(MigrationId), "is required");
        Require(MigrationId.Length <= 100 && MigrationId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'), nameof(MigrationId), "must be 1-100 letters, digits, '-', '_' or '.'");
        Require(!string.IsNullOrWhiteSpace(ServerId), nameof(ServerId), "is required");
        Require(Source is not null, nameof(Source), "is required");
        Require(string.Equals(Source!.ServerId, ServerId, StringComparison.Ordinal), "Source.ServerId", "must equal ServerId");
        Require(!string.IsNullOrWhiteSpace(Source.ResourceGroup) && !string.IsNullOrWhiteSpace(Source.VmName), "Source.VmName", "and Source.ResourceGroup are required");
        Require(Source.DiskBytes is null or > 0, "Source.DiskBytes", "must be positive when given");
        Require(Targets is { Count: > 0 }, nameof(Targets), "needs at least one target");
        Require(Strategy == MigrationStrategy.Split || Targets.Count == 1, nameof(Targets), "has several targets but the strategy is not Split");
        for (var i = 0; i < Targets.Count; i++)
        {
            var t = Targets[i];
            Require(t.Index == i, $"Targets[{i}].Index", "must equal its position");
            Require(!string.IsNullOrWhiteSpace(t.VmName) && !string.Equals(t.VmName, Source.VmName, StringComparison.OrdinalIgnoreCase), $"Targets[{i}].VmName", "is required and must differ from the source VM");
            Require(t.Phases is { Count: > 0 }, $"Targets[{i}].Phases", "needs at least one sizing phase");
            Require(t.Phases.Zip(t.Phases.Skip(1)).All(p => p.First.At <= p.Second.At), $"Targets[{i}].Phases", "must be in time order");
        }

        Require(Targets.Select(t => t.VmName).Distinct(StringComparer.OrdinalIgnoreCase).Count() == Targets.Count, nameof(Targets), "must have distinct VM names");
        Require(Sla is not null, nameof(Sla), "is required");
        Require(TrafficSteps is { Count: > 0 } && TrafficSteps.All(s => s is > 0 and <= 100) && TrafficSteps.Zip(TrafficSteps.Skip(1)).All(p => p.First < p.Second), nameof(TrafficSteps), "must be increasing percentages in 1-100");
        Require(BakeTime >= TimeSpan.Zero, nameof(BakeTime), "must not be negative");
        Require(Rpo > TimeSpan.Zero, nameof(Rpo), "must be positive");
        Require(MaxReplicationCycles >= 1, nameof(MaxReplicationCycles), "must be at least 1");
        Require(ReplicationInterval >= TimeSpan.Zero, nameof(ReplicationInterval), "must not be negative");
        Require(RollbackWindow >= TimeSpan.Zero, nameof(RollbackWindow), "must not be negative");
        Require(!ApprovalRequired || ApprovalTimeout > TimeSpan.Zero, nameof(ApprovalTimeout), "must be positive when approval is required");
    }

    private static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Migration decision: {field} {message}.", field);
        }
    }
}
