using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Replay;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Replay;

public sealed class SubOrchestrationTests
{
    private static readonly DateTime T0 = OrchestrationHarness.T0;

    [Fact]
    public void CallSubOrchestratorAsync_NoInstanceId_UsesTheDeterministicGuidInNFormat()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Parent", async (context, _) =>
        {
            string first = await context.CallSubOrchestratorAsync<string>("Child", new { Size = 3 });
            string second = await context.CallSubOrchestratorAsync<string>("Child", null);
            return first + second;
        });
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse first = harness.Start("Parent", null);
        OrchestratorResponse second = harness.At(T0.AddSeconds(5)).Deliver(Events.SubOrchestrationCompleted(0, "\"a\""));
        OrchestratorResponse done = harness.At(T0.AddSeconds(9)).Deliver(Events.SubOrchestrationCompleted(1, "\"b\""));

        // Assert
        CreateSubOrchestrationAction child1 = Assert.Single(first.Actions).CreateSubOrchestration;
        Assert.Equal(DeterministicGuid.Create("inst1", T0, 0).ToString("N"), child1.InstanceId);
        Assert.Equal("Child", child1.Name);
        Assert.Equal("{\"size\":3}", child1.Input);
        Assert.Equal(string.Empty, child1.Version);
        CreateSubOrchestrationAction child2 = Assert.Single(second.Actions).CreateSubOrchestration;
        Assert.Equal(DeterministicGuid.Create("inst1", T0.AddSeconds(5), 1).ToString("N"), child2.InstanceId);
        Assert.Null(child2.Input);
        Assert.Equal("\"ab\"", ResponseAssert.SingleCompletion(done, 2, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void CallSubOrchestratorAsync_ExplicitInstanceId_IsUsedAsGiven()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, int>("Parent", (context, _) =>
            context.CallSubOrchestratorAsync<int>("Child", 7, instanceId: "inst1:child"));
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse response = harness.Start("Parent", null);

        // Assert
        OrchestratorAction action = Assert.Single(response.Actions);
        Assert.Equal("inst1:child", action.CreateSubOrchestration.InstanceId);
        Assert.Equal("7", action.CreateSubOrchestration.Input);
    }

    [Fact]
    public void CallSubOrchestratorAsync_ChildFails_ThrowsTaskFailedExceptionWithTheChildFailure()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Parent", async (context, _) =>
        {
            try
            {
                return await context.CallSubOrchestratorAsync<string>("Child");
            }
            catch (TaskFailedException exception)
            {
                return $"{exception.TaskName}#{exception.TaskId}:{exception.FailureDetails.ErrorType}:{exception.FailureDetails.ErrorMessage}";
            }
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Parent", null);

        // Act
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.SubOrchestrationFailed(0, "System.IO.IOException", "disk"));

        // Assert
        Assert.Equal("\"Child#0:System.IO.IOException:disk\"", ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void CallSubOrchestratorAsync_WithRetry_ReusesTheInstanceIdForEveryAttempt()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Parent", (context, _) =>
            context.CallSubOrchestratorAsync<string>("Child", retry: new RetryPolicy(2, TimeSpan.FromSeconds(30))));
        var harness = new OrchestrationHarness(registry);
        OrchestratorResponse first = harness.Start("Parent", null);
        harness.At(T0.AddSeconds(1)).Deliver(Events.SubOrchestrationFailed(0, "System.Exception", "once"));

        // Act
        OrchestratorResponse second = harness.At(T0.AddSeconds(31)).Deliver(Events.TimerFired(1, T0.AddSeconds(31)));

        // Assert
        OrchestratorAction retry = Assert.Single(second.Actions);
        Assert.Equal(2, retry.Id);
        Assert.Equal(Assert.Single(first.Actions).CreateSubOrchestration.InstanceId, retry.CreateSubOrchestration.InstanceId);
    }
}
