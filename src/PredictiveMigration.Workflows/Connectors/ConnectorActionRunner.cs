using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Workflows.Migrations;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>
/// Runs one connector action: the cloud first (<see cref="IConnectorActuator"/>), then the store record
/// (<see cref="ConnectorTransitions"/>). Both halves are idempotent by connector id, so running the same action again
/// after a crash between them repairs the record. A scale-down or decommission of a connector that took a task since
/// the plan was made is refused before the cloud is touched (<c>ConnectorBusy</c>, not transient: the next round
/// re-plans). Used by <see cref="ApplyConnectorActionActivity"/> and by <c>POST /api/scale</c>.
/// </summary>
public sealed class ConnectorActionRunner(IConnectorActuator actuator, IConnectorStore store, ConnectorPlanOptions options)
{
    /// <summary>Success with whether the connector exists afterwards, or the failure as a value.</summary>
    public async Task<StepResult<bool>> RunAsync(ConnectorAction action, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var current = await store.GetConnectorAsync(action.ConnectorId, cancellationToken).ConfigureAwait(false);
        if (action.Kind is ConnectorActionKind.ScaleDown or ConnectorActionKind.Decommission && current is { IsBusy: true })
        {
            return StepResult<bool>.Fail("ConnectorBusy", $"{current.Id} carries {current.AssignedTasks.Count} task(s): not {action.Kind}");
        }

        if (action.Kind is not (ConnectorActionKind.Provision or ConnectorActionKind.Decommission) && current is null)
        {
            return StepResult<bool>.Fail("UnknownConnector", $"{action.ConnectorId} is not recorded: cannot {action.Kind}");
        }

        var cloud = await actuator.ApplyAsync(action, cancellationToken).ConfigureAwait(false);
        if (!cloud.IsSuccess)
        {
            return StepResult<bool>.Fail(cloud.Failure!);
        }

        var next = ConnectorTransitions.Apply(current, action, at, options);
        if (next is null)
        {
            await store.DeleteConnectorAsync(action.ConnectorId, cancellationToken).ConfigureAwait(false);
        }
        else if (!ReferenceEquals(next, current))
        {
            await store.UpsertConnectorAsync(next, cancellationToken).ConfigureAwait(false);
        }

        return StepResult<bool>.Success(next is not null);
    }
}
