using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>
/// Creates (or finds) the target VM at its first phase's size. Create-or-update by a deterministic name makes it
/// idempotent; the tags <c>pm-migration</c>, <c>pm-role</c> and <c>pm-key</c> let an audit find what a migration owns.
/// </summary>
public sealed class ProvisionTargetActivity(ICloudCompute compute) : TaskActivity<TargetVm, StepResult<string>>
{
    public override async Task<StepResult<string>> RunAsync(TaskActivityContext context, TargetVm input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MigrationTags.Migration] = input.MigrationId,
            [MigrationTags.Role] = "target",
            [MigrationTags.Key] = input.IdempotencyKey,
        };
        var created = await compute.CreateOrUpdateVmAsync(new VmSpec(input.ResourceGroup, input.VmName, input.Region, input.Size, tags), cancellationToken).ConfigureAwait(false);
        if (!created.IsSuccess)
        {
            return StepResult<string>.Fail(created.Failure!);
        }

        return string.Equals(created.Value!.ProvisioningState, "Succeeded", StringComparison.OrdinalIgnoreCase)
            ? StepResult<string>.Success(created.Value.Id)
            : StepResult<string>.Fail("ProvisioningFailed", $"{input.VmName} ended in provisioning state {created.Value.ProvisioningState}", transient: true);
    }
}
