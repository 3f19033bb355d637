using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Workflows.Recovery;

/// <summary>
/// Disaster recovery for a failed region: the migrations of its workloads (strategy <see cref="MigrationStrategy.MoveRegion"/>),
/// run in priority order (<see cref="MigrationSource.Priority"/>, lower first), at most <paramref name="MaxParallel"/> at once.
/// </summary>
public sealed record RecoveryPlan(string PlanId, string FailedRegion, IReadOnlyList<MigrationDecision> Migrations, int MaxParallel)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(PlanId))
        {
            throw new ArgumentException("Recovery plan: PlanId is required.", nameof(PlanId));
        }

        if (MaxParallel < 1)
        {
            throw new ArgumentException("Recovery plan: MaxParallel must be at least 1.", nameof(MaxParallel));
        }

        if (Migrations is null || Migrations.Select(m => m.MigrationId).Distinct(StringComparer.Ordinal).Count() != Migrations.Count)
        {
            throw new ArgumentException("Recovery plan: Migrations must have distinct migration ids.", nameof(Migrations));
        }

        foreach (var m in Migrations)
        {
            m.Validate();
        }
    }

    /// <summary>The migrations in the order they start: priority, then server id.</summary>
    public IReadOnlyList<MigrationDecision> InPriorityOrder() =>
        [.. Migrations.OrderBy(m => m.Source.Priority).ThenBy(m => m.ServerId, StringComparer.Ordinal)];
}
