using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Workflows.Recovery;

/// <summary>What a recovery plan did: one line per migration, in the order they started.</summary>
public sealed record RecoveryOutcome(string PlanId, string FailedRegion, IReadOnlyList<RecoveryItem> Items)
{
    public int Completed => Items.Count(i => i.Status == MigrationStatus.Completed);
}
