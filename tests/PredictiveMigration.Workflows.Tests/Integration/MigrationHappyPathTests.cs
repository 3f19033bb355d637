using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Workflows.Migrations;

namespace PredictiveMigration.Workflows.Tests.Integration;

/// <summary>
/// The real orchestrator and activities on the development backend, against the sandbox cloud, the file replication
/// engine and the YARP proxy under load: completions, the approval gate and cancellation, each followed by the audit.
/// </summary>
public sealed class MigrationHappyPathTests(IntegrationWorld world) : IClassFixture<IntegrationWorld>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MigrationSandbox Sandbox => world.Sandbox;

    [Fact]
    public async Task HappyPath_CompletesAt100PercentOnTheTargetWithSourceDeletedAndNoRequestLost()
    {
        // Arrange
        var m = await Sandbox.PrepareAsync("happy", Ct);

        // Act
        await Sandbox.StartAsync(m.Decision, Ct);
        var outcome = await Sandbox.WaitAsync(m.Id, Timeout, Ct);

        // Assert
        Assert.True(outcome.Status == MigrationStatus.Completed, outcome.Reason);
        Assert.Empty(outcome.Compensations);
        Assert.Equal([MigrationStep.Reserve, MigrationStep.Provision, MigrationStep.Replicate, MigrationStep.ShiftTraffic, MigrationStep.CutOver, MigrationStep.Decommission, MigrationStep.Release], outcome.StepsStarted);
        var target = await Sandbox.Compute.GetVmAsync(MigrationSandbox.Group, m.Target0.VmName, Ct);
        Assert.Equal(MigrationSandbox.TargetSize, target.Value?.Size);

        // The server was handed over to the target before the source went: the directory finds it there now.
        Assert.Equal(m.Decision.Source.VmName, target.Value!.Tags.GetValueOrDefault("pm-server"));
        Assert.False(target.Value.Tags.ContainsKey("pm-disk"), "the source's own disk tag must not follow the server");
        Assert.Empty(await Sandbox.AuditAsync(m, outcome.Status, Ct));
        Assert.True(m.Target.Stats.Served > 0, "the target backend served no request");
        Assert.Equal(0, m.Load.Failed);

        // The full copy taught the connectors' rate model: the image's bytes over the time the replication engine measured.
        var observed = Assert.Single(await Sandbox.Connectors.ListObservationsAsync(m.Decision.DecidedAt.AddMinutes(-5), Ct), o => o.MigrationId == m.Id);
        Assert.Equal((256L * 1024, MigrationSandbox.Region, true), (observed.DataBytes, observed.SourceRegion, observed.Succeeded));
        Assert.True(observed.Duration > TimeSpan.Zero, $"duration {observed.Duration}");
        Assert.InRange(observed.StartedAt, m.Decision.DecidedAt.AddSeconds(-5), TimeProvider.System.GetUtcNow());
    }

    [Fact]
    public async Task RollbackWindow_KeepsTheSourceDeallocatedAndGrowsTheTargetAlongItsPhases_ThenDeletesTheSource()
    {
        // Arrange: the target starts at D2s_v3; its second phase (D4s_v3) falls due 20 s in: after provisioning even on a
        // busy machine, and inside the rollback window at the latest, so a real resize runs.
        var m = await Sandbox.PrepareAsync("window", Ct);
        var at = m.Decision.DecidedAt;
        m = m with
        {
            Decision = m.Decision with
            {
                RollbackWindow = TimeSpan.FromSeconds(22),
                Targets = [m.Target0 with { Phases = [new SizingPhase(at, MigrationSandbox.SourceSize, 2), new SizingPhase(at.AddSeconds(20), MigrationSandbox.TargetSize, 4)] }],
            },
        };

        // Act
        await Sandbox.StartAsync(m.Decision, Ct);
        await Sandbox.WaitForStatusAsync(m.Id, s => s.Step == MigrationStep.Decommission, Timeout, Ct);
        var kept = await Sandbox.Compute.GetVmAsync(MigrationSandbox.Group, m.Decision.Source.VmName, Ct);
        var outcome = await Sandbox.WaitAsync(m.Id, Timeout, Ct);

        // Assert
        Assert.Equal("deallocated", kept.Value?.PowerState);
        Assert.True(outcome.Status == MigrationStatus.Completed, outcome.Reason);
        Assert.Empty(await Sandbox.AuditAsync(m, outcome.Status, Ct));
        var record = await Sandbox.Store.GetAsync(m.Id, Ct);
        Assert.Contains(record!.Timeline, e => e.Detail.StartsWith("Provisioned " + m.Target0.VmName + " (" + MigrationSandbox.SourceSize + ")", StringComparison.Ordinal));
        Assert.Contains(record.Timeline, e => e.Detail.Contains("grown to " + MigrationSandbox.TargetSize, StringComparison.Ordinal));
        var target = await Sandbox.Compute.GetVmAsync(MigrationSandbox.Group, m.Target0.VmName, Ct);
        Assert.Equal(MigrationSandbox.TargetSize, target.Value?.Size);
    }

    [Fact]
    public async Task Approval_RaisedAsEvent_StartsTheMigrationWhichCompletes()
    {
        // Arrange
        var m = await Sandbox.PrepareAsync("approve", Ct);
        m = m with { Decision = m.Decision with { ApprovalRequired = true } };

        // Act
        await Sandbox.StartAsync(m.Decision, Ct);
        await Sandbox.WaitForStatusAsync(m.Id, s => s.Status == MigrationStatus.AwaitingApproval, Timeout, Ct);
        var before = await Sandbox.Compute.GetVmAsync(MigrationSandbox.Group, m.Target0.VmName, Ct);
        await Sandbox.Client.RaiseEventAsync(m.Id, MigrationEvents.Approval, """{"approved":true,"by":"alice"}""", Ct);
        var outcome = await Sandbox.WaitAsync(m.Id, Timeout, Ct);

        // Assert
        Assert.True(before.IsSuccess);
        Assert.Null(before.Value);
        Assert.True(outcome.Status == MigrationStatus.Completed, outcome.Reason);
        Assert.Equal(MigrationStep.Approval, outcome.StepsStarted[0]);
        Assert.Empty(await Sandbox.AuditAsync(m, outcome.Status, Ct));
    }

    [Fact]
    public async Task Approval_Rejected_TouchesNothing()
    {
        // Arrange
        var m = await Sandbox.PrepareAsync("reject", Ct);
        m = m with { Decision = m.Decision with { ApprovalRequired = true } };

        // Act
        await Sandbox.StartAsync(m.Decision, Ct);
        await Sandbox.WaitForStatusAsync(m.Id, s => s.Status == MigrationStatus.AwaitingApproval, Timeout, Ct);
        await Sandbox.Client.RaiseEventAsync(m.Id, MigrationEvents.Approval, """{"approved":false,"by":"bob","comment":"not this week"}""", Ct);
        var outcome = await Sandbox.WaitAsync(m.Id, Timeout, Ct);

        // Assert
        Assert.Equal(MigrationStatus.Rejected, outcome.Status);
        Assert.Contains("bob", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(outcome.Compensations);
        Assert.Empty(await Sandbox.AuditAsync(m, outcome.Status, Ct));
        Assert.Equal(0, m.Target.Stats.Served);
    }

    [Fact]
    public async Task Cancel_RaisedDuringTheTrafficBake_RollsEverythingBack()
    {
        // Arrange: a long bake so the cancel lands while 50 % runs on the target.
        var m = await Sandbox.PrepareAsync("cancel", Ct);
        m = m with { Decision = m.Decision with { BakeTime = TimeSpan.FromSeconds(20) } };

        // Act
        await Sandbox.StartAsync(m.Decision, Ct);
        await Sandbox.WaitForStatusAsync(m.Id, s => s.Step == MigrationStep.ShiftTraffic && s.TrafficPercent == 50, Timeout, Ct);
        await Sandbox.Client.RaiseEventAsync(m.Id, MigrationEvents.Cancel, """{"reason":"change freeze","by":"carol"}""", Ct);
        var outcome = await Sandbox.WaitAsync(m.Id, Timeout, Ct);

        // Assert
        Assert.Equal(MigrationStatus.Cancelled, outcome.Status);
        Assert.Contains("change freeze", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal([MigrationActivities.RestoreTraffic, MigrationActivities.StopReplication, MigrationActivities.DeleteTarget, MigrationActivities.ReleaseCapacity], outcome.Compensations);
        Assert.True(m.Target.Stats.Served > 0, "the cancel came before the target took traffic");
        Assert.Empty(await Sandbox.AuditAsync(m, outcome.Status, Ct));
        Assert.Equal(0, m.Load.Failed);
    }
}
