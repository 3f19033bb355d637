namespace PredictiveMigration.Domain.Migrations;

/// <summary>A status change of a migration with the timeline entry that explains it (written by the orchestration).</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="Entry">The timeline entry (idempotent by its sequence).</param>
/// <param name="Status">The status from now on.</param>
/// <param name="Progress">0-100.</param>
/// <param name="Outcome">The outcome reason, when there is one.</param>
public sealed record MigrationProgress(string MigrationId, MigrationStepEntry Entry, MigrationStatus Status, int Progress, string? Outcome);
