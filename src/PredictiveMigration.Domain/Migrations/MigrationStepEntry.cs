namespace PredictiveMigration.Domain.Migrations;

/// <summary>
/// One line of a migration's timeline. <paramref name="Sequence"/> is assigned by the orchestration and is the
/// entry's idempotency key: recording the same sequence twice keeps one entry.
/// </summary>
public sealed record MigrationStepEntry(int Sequence, MigrationStep Step, MigrationStepState State, DateTimeOffset At, string Detail);
