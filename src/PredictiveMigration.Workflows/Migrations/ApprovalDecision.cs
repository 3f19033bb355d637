namespace PredictiveMigration.Workflows.Migrations;

/// <summary>Payload of the <see cref="MigrationEvents.Approval"/> event.</summary>
public sealed record ApprovalDecision(bool Approved, string? By = null, string? Comment = null);
