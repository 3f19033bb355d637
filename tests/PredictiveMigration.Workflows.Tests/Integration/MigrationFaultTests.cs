using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Sandbox.Cloud;
using PredictiveMigration.Sandbox.Traffic;
using PredictiveMigration.Workflows.Migrations;

namespace PredictiveMigration.Workflows.Tests.Integration;

/// <summary>
/// Faults injected through the sandbox cloud's <c>/admin/faults</c> (and its catalogue's quota and capacity), or by
/// the target backend: transient ones end Completed after the orchestrator's own retries (the ARM client has none),
/// permanent ones end RolledBack with exactly the compensations due; every case ends with a clean audit.
/// </summary>
public sealed class MigrationFaultTests(IntegrationWorld world) : IClassFixture<IntegrationWorld>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MigrationSandbox Sandbox => world.Sandbox;

    [Fact]
    public async Task Throttled429WithRetryAfter_OnProvision_IsRetriedAndCompletes()
    {
        // Arrange
        var m = await Sandbox.PrepareAsync("throttle", Ct);
        await Sandbox.AddFaultAsync(new CloudFault { Kind = "throttle", Method = "PUT", PathContains = m.Target0.VmName, RetryAfterSeconds = 1, Count = 2 }, Ct);

        // Act
        await Sandbox.StartAsync(m.Decision, Ct);
        var outcome = await Sandbox.WaitAsync(m.Id, Timeout, Ct);

        // Assert
        Assert.True(outcome.Status == MigrationStatus.Completed, outcome.Reason);
        Assert.DoesNotContain(await Sandbox.FaultsAsync(Ct), f => f.PathContains == m.Target0.VmName);
        Assert.Empty(await Sandbox.AuditAsync(m, outcome.Status, Ct));
    }

    [Fact]
    public async Task ServerError503_OnProvision_IsRetriedAndCompletes()
    {
        // Arrange
        var m = await Sandbox.PrepareAsync("error503", Ct);
        await Sandbox.AddFaultAsync(new CloudFault { Kind = "error", Status = 503, Method = "PUT", PathContains = m.Target0.VmName, Count = 1 }, Ct);

        // Act
        await Sandbox.StartAsync(m.Decision, Ct);
        var outcome = await Sandbox.WaitAsync(m.Id, Timeout, Ct);

        // Assert
        Assert.True(outcome.Status == MigrationStatus.Completed, outcome.Reason);
        Assert.DoesNotContain(await Sandbox.FaultsAsync(Ct), f => f.PathContains == m.Target0.VmName);
        Assert.Empty(await Sandbox.AuditAsync(m, outcome.Status, Ct));
    }

    [Fact]
    public async Task AllocationFailed_UntilCapacityFreesUp_IsRetriedOnTheSameVmAndCompletes()
    {
        // Arrange: the scarce region holds one D4s_v3, taken by another VM until the first attempt has failed.
        var m = await Sandbox.PrepareAsync("alloc", Ct, targetRegion: MigrationSandbox.ScarceRegion);
        var blocker = await Sandbox.Compute.CreateOrUpdateVmAsync(new Domain.Cloud.VmSpec(MigrationSandbox.Group, "blocker-vm", MigrationSandbox.ScarceRegion, MigrationSandbox.TargetSize), Ct);
        Assert.True(blocker.IsSuccess, $"blocker: {blocker.Failure}");

        // Act
        await Sandbox.StartAsync(m.Decision, Ct);
        var retrying = await Sandbox.WaitForStatusAsync(m.Id, s => s.Detail.Contains("AllocationFailed", StringComparison.Ordinal), Timeout, Ct);
        Assert.True((await Sandbox.Compute.DeleteVmAsync(MigrationSandbox.Group, "blocker-vm", Ct)).IsSuccess);
        var outcome = await Sandbox.WaitAsync(m.Id, Timeout, Ct);

        // Assert
        Assert.Equal(MigrationStep.Provision, retrying.Step);
        Assert.True(outcome.Status == MigrationStatus.Completed, outcome.Reason);
        Assert.Empty(await Sandbox.AuditAsync(m, outcome.Status, Ct));
    }

    [Fact]
    public async Task QuotaExceeded_AtReservation_RollsBackWithNothingCreated()
    {
        // Arrange: 8 vCPUs in a region whose quota is 4.
        var m = await Sandbox.PrepareAsync("quota", Ct, targetRegion: MigrationSandbox.TightRegion, targetSize: "Standard_D8s_v3", targetCores: 8);

        // Act
        await Sandbox.StartAsync(m.Decision, Ct);
        var outcome = await Sandbox.WaitAsync(m.Id, Timeout, Ct);

        // Assert
        Assert.Equal(MigrationStatus.RolledBack, outcome.Status);
        Assert.Contains("QuotaExceeded", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal([MigrationActivities.ReleaseCapacity], outcome.Compensations);
        Assert.Empty(await Sandbox.AuditAsync(m, outcome.Status, Ct));
    }

    [Fact]
    public async Task FailedOperation_OnProvision_RollsBackAndDeletesTheFailedVm()
    {
        // Arrange
        var m = await Sandbox.PrepareAsync("failop", Ct);
        await Sandbox.AddFaultAsync(new CloudFault { Kind = "failOperation", Method = "PUT", PathContains = m.Target0.VmName, Count = 1 }, Ct);

        // Act
        await Sandbox.StartAsync(m.Decision, Ct);
        var outcome = await Sandbox.WaitAsync(m.Id, Timeout, Ct);

        // Assert
        Assert.Equal(MigrationStatus.RolledBack, outcome.Status);
        Assert.Contains("InternalOperationError", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal([MigrationActivities.DeleteTarget, MigrationActivities.ReleaseCapacity], outcome.Compensations);
        Assert.Empty(await Sandbox.AuditAsync(m, outcome.Status, Ct));
    }

    [Fact]
    public async Task UnhealthyTarget_AtTheFirstTrafficStep_RollsBackTrafficReplicationAndTarget()
    {
        // Arrange: the target answers 500 to everything.
        var m = await Sandbox.PrepareAsync("unhealthy", Ct);
        m.Target.SetBehaviour(new BackendBehaviour(TimeSpan.Zero, FailureRate: 1));

        // Act
        await Sandbox.StartAsync(m.Decision, Ct);
        var outcome = await Sandbox.WaitAsync(m.Id, Timeout, Ct);

        // Assert
        Assert.Equal(MigrationStatus.RolledBack, outcome.Status);
        Assert.Contains("Unhealthy", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal([MigrationActivities.RestoreTraffic, MigrationActivities.StopReplication, MigrationActivities.DeleteTarget, MigrationActivities.ReleaseCapacity], outcome.Compensations);
        Assert.Empty(await Sandbox.AuditAsync(m, outcome.Status, Ct));
    }
}
