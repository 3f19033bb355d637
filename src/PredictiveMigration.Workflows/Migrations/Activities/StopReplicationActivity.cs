using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>
/// Stops replication and deletes its manifests and staging data for every target, and the target disks when the stop
/// compensates a rollback (absent is fine).
/// </summary>
public sealed class StopReplicationActivity(IReplicationService replication) : TaskActivity<ReplicationStop, StepResult<bool>>
{
    public override async Task<StepResult<bool>> RunAsync(TaskActivityContext context, ReplicationStop input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var id in input.ReplicationIds)
        {
            await replication.StopAsync(id, cancellationToken).ConfigureAwait(false);
        }

        foreach (var disk in input.DeleteTargetDisks ?? [])
        {
            await replication.DeleteTargetAsync(disk, cancellationToken).ConfigureAwait(false);
        }

        return StepResult<bool>.Success(true);
    }
}
