namespace PredictiveMigration.Workflows.Migrations;

/// <summary>The external events a migration orchestration listens to (the API raises them on instance = migration id).</summary>
public static class MigrationEvents
{
    /// <summary>An operator's answer to the approval gate; payload <see cref="ApprovalDecision"/>.</summary>
    public const string Approval = "approval";

    /// <summary>Cancel the migration and undo what was done; payload <see cref="CancelRequest"/>. Ignored after cut-over.</summary>
    public const string Cancel = "cancel";
}
