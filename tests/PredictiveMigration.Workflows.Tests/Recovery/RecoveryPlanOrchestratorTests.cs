using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Workflows.Migrations;
using PredictiveMigration.Workflows.Recovery;
using PredictiveMigration.Workflows.Tests.Support;

namespace PredictiveMigration.Workflows.Tests.Recovery;

public sealed class RecoveryPlanOrchestratorTests
{
    [Fact]
    public void Run_FiveWorkloads_StartsThemInPriorityOrderWithBoundedParallelism()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();
        var plan = new RecoveryPlan("dr-1", "westeurope",
            [.. new[] { 30, 10, 50, 20, 40 }.Select((p, i) => TestDecisions.Single($"m{i}", $"s{i}", priority: p) with { Strategy = MigrationStrategy.MoveRegion })], MaxParallel: 2);

        // Act
        var outcome = harness.Result<RecoveryOutcome>(harness.Run(RecoveryPlanOrchestrator.Name, plan));

        // Assert
        Assert.Equal(["m1", "m3", "m0", "m4", "m2"], harness.SubOrchestrationsStarted);
        Assert.Equal(2, harness.MaxOutstandingSubOrchestrations);
        Assert.Equal(5, outcome.Completed);
        Assert.Equal(["s1", "s3", "s0", "s4", "s2"], outcome.Items.Select(i => i.ServerId));
    }

    [Fact]
    public void Run_OneMigrationFails_RollsThatOneBackAndMovesTheOthers()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();
        harness.On(MigrationActivities.ProvisionTarget, (input, _) => input.GetProperty("vmName").GetString() == "s1-vm-m0"
            ? MigrationFakes.Failure("AllocationFailed", "no capacity")
            : StepResult<string>.Success("/vm"));
        var plan = new RecoveryPlan("dr-2", "westeurope", [.. Enumerable.Range(0, 3).Select(i => TestDecisions.Single($"m{i}", $"s{i}", priority: i))], MaxParallel: 3);

        // Act
        var outcome = harness.Result<RecoveryOutcome>(harness.Run(RecoveryPlanOrchestrator.Name, plan));

        // Assert
        Assert.Equal(MigrationStatus.RolledBack, outcome.Items.Single(i => i.ServerId == "s1").Status);
        Assert.Equal(2, outcome.Completed);
        Assert.Equal(3, harness.MaxOutstandingSubOrchestrations);
    }
}
