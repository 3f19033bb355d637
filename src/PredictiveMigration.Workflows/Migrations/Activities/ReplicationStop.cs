namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>
/// The replication ids (one per target: <c>{migrationId}-t{index}</c>) to stop and clean up, and, when the stop
/// compensates a rollback, the target disks replication wrote, which are deleted too (null or empty: keep them).
/// </summary>
public sealed record ReplicationStop(string MigrationId, IReadOnlyList<string> ReplicationIds, IReadOnlyList<string>? DeleteTargetDisks = null);
