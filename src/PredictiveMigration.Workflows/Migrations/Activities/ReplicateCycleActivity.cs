using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>Runs one replication cycle (idempotent for its replication id and cycle number, see <see cref="IReplicationService"/>).</summary>
public sealed class ReplicateCycleActivity(IReplicationService replication) : TaskActivity<ReplicationRequest, StepResult<ReplicationCycle>>
{
    public override async Task<StepResult<ReplicationCycle>> RunAsync(TaskActivityContext context, ReplicationRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return StepResult<ReplicationCycle>.Success(await replication.ReplicateAsync(input, cancellationToken).ConfigureAwait(false));
        }
        catch (IOException ex)
        {
            // A disk that cannot be read or written now: worth another try later.
            return StepResult<ReplicationCycle>.Fail("ReplicationIo", ex.Message, transient: true);
        }
    }
}
