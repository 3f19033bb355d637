using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>Deletes the source VM once the rollback window is over (absent is fine).</summary>
public sealed class DecommissionSourceActivity(ICloudCompute compute) : TaskActivity<SourceVm, StepResult<bool>>
{
    public override async Task<StepResult<bool>> RunAsync(TaskActivityContext context, SourceVm input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return StepResult<bool>.From(await compute.DeleteVmAsync(input.ResourceGroup, input.VmName, cancellationToken).ConfigureAwait(false));
    }
}
