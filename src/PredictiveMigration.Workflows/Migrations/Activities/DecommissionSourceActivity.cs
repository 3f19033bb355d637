using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>
/// Hands the server over to its target(s), then deletes the source VM once the rollback window is over (absent is fine).
/// The hand-over copies the source's identity tags (<c>pm-server</c>, or the source's name, and the other <c>pm-*</c>
/// settings such as environment, priority and traffic profile; not <c>pm-disk</c> and <c>pm-endpoint</c>, which name
/// the source's own disk and host) onto the VMs of the source's resource group tagged as this migration's targets, so
/// the server directory, the capacity view and the next migration find the server on the VM that now serves it.
/// Idempotent: a target that already carries <c>pm-server</c> is left as it is, and the hand-over happens before the
/// delete, so a retry after a crash finds it done.
/// </summary>
public sealed class DecommissionSourceActivity(ICloudCompute compute) : TaskActivity<SourceVm, StepResult<bool>>
{
    /// <summary>Tags that describe the source VM itself and are not handed over.</summary>
    private static readonly HashSet<string> NotHandedOver = new(StringComparer.OrdinalIgnoreCase)
    {
        MigrationTags.Migration, MigrationTags.Role, MigrationTags.Key, "pm-disk", "pm-endpoint",
    };

    public override async Task<StepResult<bool>> RunAsync(TaskActivityContext context, SourceVm input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = await compute.GetVmAsync(input.ResourceGroup, input.VmName, cancellationToken).ConfigureAwait(false);
        if (!source.IsSuccess)
        {
            return StepResult<bool>.Fail(source.Failure!);
        }

        if (source.Value is { } vm)
        {
            var handed = await HandOverAsync(vm, input.MigrationId, cancellationToken).ConfigureAwait(false);
            if (handed is not null)
            {
                return StepResult<bool>.Fail(handed);
            }
        }

        return StepResult<bool>.From(await compute.DeleteVmAsync(input.ResourceGroup, input.VmName, cancellationToken).ConfigureAwait(false));
    }

    private async Task<CloudFailure?> HandOverAsync(VmInfo source, string migrationId, CancellationToken cancellationToken)
    {
        var vms = await compute.ListVmsAsync(source.ResourceGroup, cancellationToken).ConfigureAwait(false);
        if (!vms.IsSuccess)
        {
            return vms.Failure;
        }

        var server = source.Tags.TryGetValue("pm-server", out var id) && !string.IsNullOrWhiteSpace(id) ? id : source.Name;
        foreach (var target in vms.Value!.Where(v =>
                     v.Tags.TryGetValue(MigrationTags.Migration, out var m) && string.Equals(m, migrationId, StringComparison.Ordinal)
                     && v.Tags.TryGetValue(MigrationTags.Role, out var r) && string.Equals(r, "target", StringComparison.Ordinal)
                     && !v.Tags.ContainsKey("pm-server")))
        {
            var tags = new Dictionary<string, string>(target.Tags, StringComparer.Ordinal);
            foreach (var (key, value) in source.Tags.Where(t => t.Key.StartsWith("pm-", StringComparison.OrdinalIgnoreCase) && !NotHandedOver.Contains(t.Key)))
            {
                tags[key] = value;
            }

            tags["pm-server"] = server;
            var updated = await compute.CreateOrUpdateVmAsync(new VmSpec(target.ResourceGroup, target.Name, target.Region, target.Size, tags), cancellationToken).ConfigureAwait(false);
            if (!updated.IsSuccess)
            {
                return updated.Failure;
            }
        }

        return null;
    }
}
