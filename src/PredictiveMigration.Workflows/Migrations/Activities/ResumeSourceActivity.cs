using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>Compensation of the quiesce: starts the source again (starting a running VM is fine).</summary>
public sealed class ResumeSourceActivity(ICloudCompute compute) : TaskActivity<SourceVm, StepResult<bool>>
{
    public override async Task<StepResult<bool>> RunAsync(TaskActivityContext context, SourceVm input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return StepResult<bool>.From(await compute.StartVmAsync(input.ResourceGroup, input.VmName, cancellationToken).ConfigureAwait(false));
    }
}
