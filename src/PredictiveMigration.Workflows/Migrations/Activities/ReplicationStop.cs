namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>The replication ids (one per target: <c>{migrationId}-t{index}</c>) to stop and clean up.</summary>
public sealed record ReplicationStop(string MigrationId, IReadOnlyList<string> ReplicationIds);
