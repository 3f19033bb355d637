using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Workflows.Migrations;

/// <summary>The output of a migration orchestration.</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="ServerId">The server.</param>
/// <param name="Status">Completed, RolledBack, Rejected, Cancelled, DryRun or Failed.</param>
/// <param name="Reason">Why (null for a clean completion).</param>
/// <param name="StepsStarted">The forward steps that were started, in order.</param>
/// <param name="Compensations">The compensation activities run, in order.</param>
public sealed record MigrationOutcome(
    string MigrationId,
    string ServerId,
    MigrationStatus Status,
    string? Reason,
    IReadOnlyList<MigrationStep> StepsStarted,
    IReadOnlyList<string> Compensations);
