using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Replay;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Replay;

public sealed class NonDurableAwaitTests
{
    [Fact]
    public void Execute_OrchestratorAwaitsTaskDelay_FailsWithAClearMessageInsteadOfHanging()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Sleepy", async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
            return "never";
        });
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse response = harness.Start("Sleepy", null);

        // Assert
        CompleteOrchestrationAction failed = ResponseAssert.SingleCompletion(response, 0, OrchestrationStatus.Failed);
        Assert.Equal(typeof(NonDurableAwaitException).FullName, failed.FailureDetails.ErrorType);
        Assert.Contains("Task.Delay", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_ContextUsedFromAnotherThread_Fails()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Threads", async (context, _) =>
            await Task.Run(() => context.CallActivityAsync<string>("A"), TestContext.Current.CancellationToken));
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse response = harness.Start("Threads", null);

        // Assert
        CompleteOrchestrationAction failed = ResponseAssert.SingleCompletion(response, 0, OrchestrationStatus.Failed);
        Assert.Equal(typeof(NonDurableAwaitException).FullName, failed.FailureDetails.ErrorType);
    }

    [Fact]
    public void Execute_OrchestratorYields_ContinuesDeterministicallyOnTheSameEpisode()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Yielding", async (context, _) =>
        {
            await Task.Yield();
            await context.CallActivityAsync("A");
            await Task.Yield();
            return "done";
        });
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse first = harness.Start("Yielding", null);
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskCompleted(0, null));

        // Assert
        ResponseAssert.SingleActivity(first, 0, "A");
        Assert.Equal("\"done\"", ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed).Result);
    }
}
