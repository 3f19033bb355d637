using PredictiveMigration.Durable;
using PredictiveMigration.Workflows.Migrations;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>Runs one planned action through <see cref="ConnectorActionRunner"/>; failures come back as values.</summary>
public sealed class ApplyConnectorActionActivity(ConnectorActionRunner runner) : TaskActivity<ApplyConnectorActionInput, StepResult<bool>>
{
    public override Task<StepResult<bool>> RunAsync(TaskActivityContext context, ApplyConnectorActionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Action, nameof(input.Action));
        return runner.RunAsync(input.Action, input.At, cancellationToken);
    }
}
