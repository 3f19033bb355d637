using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Replay;

public sealed class SuspendTerminateTests
{
    private static readonly DurableTaskRegistry TwoSteps = new DurableTaskRegistry().AddOrchestrator<string?, string>("Steps", async (context, _) =>
    {
        string a = await context.CallActivityAsync<string>("A");
        return a + await context.CallActivityAsync<string>("B");
    });

    [Fact]
    public void Execute_Suspended_ReturnsNoActionsUntilResumedThenReplaysTheHeldEvents()
    {
        // Arrange
        var harness = new OrchestrationHarness(TwoSteps);
        harness.Start("Steps", null);

        // Act
        OrchestratorResponse suspended = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.Suspended(), Events.TaskCompleted(0, "\"a\""));
        OrchestratorResponse stillSuspended = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.EventRaised("noise", null));
        OrchestratorResponse resumed = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.Resumed());
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskCompleted(1, "\"b\""));

        // Assert
        Assert.Empty(suspended.Actions);
        Assert.Empty(stillSuspended.Actions);
        ResponseAssert.SingleActivity(resumed, 1, "B");
        Assert.Equal("\"ab\"", ResponseAssert.SingleCompletion(done, 2, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void Execute_Terminated_CompletesAsTerminatedWithTheReasonAndNothingElse()
    {
        // Arrange
        var harness = new OrchestrationHarness(TwoSteps);
        harness.Start("Steps", null);

        // Act
        OrchestratorResponse response = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(
            Events.Terminated("\"operator said stop\""), Events.TaskCompleted(0, "\"a\""));

        // Assert
        CompleteOrchestrationAction terminated = ResponseAssert.SingleCompletion(response, 1, OrchestrationStatus.Terminated);
        Assert.Equal("\"operator said stop\"", terminated.Result);
    }

    [Fact]
    public void Execute_TerminatedWhileSuspended_StillTerminates()
    {
        // Arrange
        var harness = new OrchestrationHarness(TwoSteps);
        harness.Start("Steps", null);
        harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.Suspended());

        // Act
        OrchestratorResponse response = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.Terminated(null));

        // Assert
        Assert.Null(ResponseAssert.SingleCompletion(response, 1, OrchestrationStatus.Terminated).Result);
    }
}
