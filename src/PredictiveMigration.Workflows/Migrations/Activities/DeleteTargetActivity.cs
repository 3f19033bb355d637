using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>Compensation of provisioning: deletes the target VM (absent is fine).</summary>
public sealed class DeleteTargetActivity(ICloudCompute compute) : TaskActivity<TargetVm, StepResult<bool>>
{
    public override async Task<StepResult<bool>> RunAsync(TaskActivityContext context, TargetVm input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return StepResult<bool>.From(await compute.DeleteVmAsync(input.ResourceGroup, input.VmName, cancellationToken).ConfigureAwait(false));
    }
}
