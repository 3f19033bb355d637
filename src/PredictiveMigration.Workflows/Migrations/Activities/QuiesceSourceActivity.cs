using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>Quiesces the source for cut-over by deallocating it (its disk stays for the final delta).</summary>
public sealed class QuiesceSourceActivity(ICloudCompute compute) : TaskActivity<SourceVm, StepResult<bool>>
{
    public override async Task<StepResult<bool>> RunAsync(TaskActivityContext context, SourceVm input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return StepResult<bool>.From(await compute.DeallocateVmAsync(input.ResourceGroup, input.VmName, cancellationToken).ConfigureAwait(false));
    }
}
