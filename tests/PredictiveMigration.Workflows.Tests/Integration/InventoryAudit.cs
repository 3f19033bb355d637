using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Workflows.Migrations.Activities;

namespace PredictiveMigration.Workflows.Tests.Integration;

/// <summary>
/// After a migration ends, reads what is really there and lists every orphan or duplicate: the resource group's VMs
/// (by the <c>pm-migration</c> tag and by name), the source VM's state, the traffic profile's endpoints, the
/// replication state on disk, the reservation ledger, and the store's record and timeline.
/// </summary>
internal static class InventoryAudit
{
    public static async Task<IReadOnlyList<string>> RunAsync(MigrationSandbox sandbox, Migration migration, MigrationStatus status, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var d = migration.Decision;
        var t = migration.Target0;
        var completed = status == MigrationStatus.Completed;

        // VMs: the target exists once (Completed) or not at all; nothing else carries this migration's tag.
        var vms = await sandbox.Compute.ListVmsAsync(MigrationSandbox.Group, cancellationToken);
        Assert.True(vms.IsSuccess, $"list VMs: {vms.Failure}");
        foreach (var duplicate in vms.Value!.GroupBy(v => v.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"duplicate VM {duplicate.Key} ×{duplicate.Count()}");
        }

        var owned = vms.Value!.Where(v => v.Tags.TryGetValue(MigrationTags.Migration, out var m) && m == d.MigrationId).ToList();
        if (completed)
        {
            if (owned.Count != 1 || !string.Equals(owned[0].Name, t.VmName, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"expected exactly the target {t.VmName}, found [{string.Join(", ", owned.Select(v => v.Name))}]");
            }
            else if (owned[0].ProvisioningState != "Succeeded")
            {
                problems.Add($"target {t.VmName} is {owned[0].ProvisioningState}");
            }
        }
        else if (owned.Count > 0)
        {
            problems.Add($"orphaned target VM(s) after {status}: {string.Join(", ", owned.Select(v => $"{v.Name} ({v.ProvisioningState})"))}");
        }

        // The source: deleted after a completion without rollback window; otherwise there and running.
        var source = await sandbox.Compute.GetVmAsync(MigrationSandbox.Group, d.Source.VmName, cancellationToken);
        Assert.True(source.IsSuccess, $"get source: {source.Failure}");
        if (completed && d.RollbackWindow == TimeSpan.Zero && source.Value is not null)
        {
            problems.Add($"source {d.Source.VmName} still exists after the migration completed");
        }

        if (!completed && (source.Value is null || source.Value.PowerState != "running"))
        {
            problems.Add($"source {d.Source.VmName} is {source.Value?.PowerState ?? "missing"} after {status}");
        }

        // Traffic: 100 % on the target, or the source alone again.
        var weights = await sandbox.Router.GetWeightsAsync(MigrationSandbox.Group, d.Source.TrafficProfile, cancellationToken);
        Assert.True(weights.IsSuccess, $"profile: {weights.Failure}");
        var endpoints = weights.Value!;
        foreach (var duplicate in endpoints.GroupBy(e => e.Target, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"duplicate endpoint target {duplicate.Key}");
        }

        var live = endpoints.Where(e => e.Weight > 0).ToList();
        var expected = completed ? (t.EndpointName, t.Endpoint) : (d.Source.VmName, d.Source.Endpoint);
        if (live.Count != 1 || live[0].Name != expected.Item1 || live[0].Target != expected.Item2)
        {
            problems.Add($"expected only {expected.Item1} to take traffic, found [{string.Join(", ", endpoints.Select(e => $"{e.Name}={e.Weight}"))}]");
        }

        if (!completed && endpoints.Count != 1)
        {
            problems.Add($"left-over endpoints after {status}: [{string.Join(", ", endpoints.Select(e => $"{e.Name}={e.Weight}"))}]");
        }

        // Replication state: cleaned in every outcome (Release after a completion, StopReplication in compensation).
        var state = Path.Combine(sandbox.Settings.ReplicationStateDirectory, $"{d.MigrationId}-t0");
        if (Directory.Exists(state))
        {
            problems.Add($"replication state left in {state}: [{string.Join(", ", Directory.GetFiles(state).Select(f => Path.GetFileName(f)))}]");
        }

        if (completed && (!File.Exists(t.Disk) || !SameBytes(await File.ReadAllBytesAsync(t.Disk, cancellationToken), await File.ReadAllBytesAsync(d.Source.Disk, cancellationToken))))
        {
            problems.Add($"target disk {t.Disk} is not an exact copy of the source disk");
        }

        if (!completed && File.Exists(t.Disk))
        {
            problems.Add($"target disk {t.Disk} left behind after the migration ended {status}");
        }

        // Reservations: released in every outcome.
        foreach (var region in d.Targets.Select(x => x.Region).Distinct())
        {
            var held = await sandbox.Reservations.ListAsync(region, cancellationToken);
            if (held.Where(r => r.MigrationId == d.MigrationId).ToList() is { Count: > 0 } left)
            {
                problems.Add($"reservation(s) left: {string.Join(", ", left.Select(r => r.Key))}");
            }
        }

        // The store: the final status, and a timeline recorded once per entry, without gaps.
        var record = await sandbox.Store.GetAsync(d.MigrationId, cancellationToken);
        if (record is null)
        {
            problems.Add("no migration record");
        }
        else
        {
            if (record.Status != status)
            {
                problems.Add($"store says {record.Status}, the orchestration {status}");
            }

            var sequences = record.Timeline.Select(e => e.Sequence).ToList();
            if (!sequences.Order().SequenceEqual(Enumerable.Range(0, sequences.Count)))
            {
                problems.Add($"timeline sequences not 0..{sequences.Count - 1} once each: [{string.Join(",", sequences)}]");
            }
        }

        return problems;
    }

    private static bool SameBytes(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);
}
