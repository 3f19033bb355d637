namespace PredictiveMigration.Domain.Migrations;

/// <summary>
/// Differential replication of one disk to another: cycle 0 copies everything, later cycles copy only the blocks
/// changed since the previous cycle's manifest. A cycle is idempotent for its (migration, cycle) pair: running it
/// again after a crash resumes or repeats it without sending what already landed twice.
/// </summary>
public interface IReplicationService
{
    /// <summary>Runs one replication cycle and reports what it moved and how far the target lags.</summary>
    Task<ReplicationCycle> ReplicateAsync(ReplicationRequest request, CancellationToken cancellationToken);

    /// <summary>Stops replication for a migration and deletes its manifests and staging data; absent is fine.</summary>
    Task StopAsync(string migrationId, CancellationToken cancellationToken);

    /// <summary>Deletes a target disk replication wrote (compensation after a rollback); absent is fine.</summary>
    Task DeleteTargetAsync(string targetDisk, CancellationToken cancellationToken);
}

/// <summary>One cycle to run.</summary>
/// <param name="MigrationId">The migration (scopes manifests and idempotency).</param>
/// <param name="SourceDisk">The source disk (a file path in the sandbox, a managed disk id in Azure).</param>
/// <param name="TargetDisk">The target disk.</param>
/// <param name="Cycle">0 for the initial full copy, then 1, 2, … for delta cycles.</param>
/// <param name="Final">The last delta after the source was quiesced.</param>
public sealed record ReplicationRequest(string MigrationId, string SourceDisk, string TargetDisk, int Cycle, bool Final);

/// <summary>What one cycle did.</summary>
/// <param name="Lag">How far the target is behind the source after the cycle (the recovery point objective actually achieved).</param>
public sealed record ReplicationCycle(
    string MigrationId,
    int Cycle,
    bool Full,
    long BytesScanned,
    long BytesSent,
    int ChangedBlocks,
    TimeSpan Lag,
    TimeSpan Duration);
