using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>Grows the target to the size of the phase now due (nothing when it already has that size).</summary>
public sealed class ResizeTargetActivity(ICloudCompute compute) : TaskActivity<TargetVm, StepResult<string>>
{
    public override async Task<StepResult<string>> RunAsync(TaskActivityContext context, TargetVm input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await compute.GetVmAsync(input.ResourceGroup, input.VmName, cancellationToken).ConfigureAwait(false);
        if (!current.IsSuccess)
        {
            return StepResult<string>.Fail(current.Failure!);
        }

        if (current.Value is null)
        {
            return StepResult<string>.Fail("TargetMissing", $"target {input.VmName} does not exist");
        }

        if (string.Equals(current.Value.Size, input.Size, StringComparison.OrdinalIgnoreCase))
        {
            return StepResult<string>.Success(input.Size);
        }

        var resized = await compute.ResizeVmAsync(input.ResourceGroup, input.VmName, input.Size, cancellationToken).ConfigureAwait(false);
        return resized.IsSuccess ? StepResult<string>.Success(resized.Value!.Size) : StepResult<string>.Fail(resized.Failure!);
    }
}
