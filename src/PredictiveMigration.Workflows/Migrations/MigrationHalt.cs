using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Workflows.Migrations;

/// <summary>Stops the forward steps of a migration: a failed step, a rejection or a cancellation, with the status it ends in and why.</summary>
internal sealed class MigrationHalt(MigrationStatus status, string reason) : Exception(reason)
{
    public MigrationStatus Status { get; } = status;

    public string Reason { get; } = reason;
}
