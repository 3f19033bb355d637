using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Routes;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Replay;

public sealed class RetryTests
{
    private static readonly DateTime T0 = OrchestrationHarness.T0;

    private static DurableTaskRegistry Flaky(RetryPolicy policy) => new DurableTaskRegistry().AddOrchestrator<string?, string>("Flaky", async (context, _) =>
    {
        try
        {
            return await context.CallActivityAsync<string>("Flaky", "in", policy);
        }
        catch (TaskFailedException exception)
        {
            return "gave up: " + exception.FailureDetails.ErrorMessage;
        }
    });

    [Fact]
    public void CallActivityAsync_RetriesWithBackoff_WaitsDurableTimersAtTheExpectedTimes()
    {
        // Arrange: 10 s, then 20 s, then 40 s capped at 30 s.
        var policy = new RetryPolicy(4, TimeSpan.FromSeconds(10), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30));
        var harness = new OrchestrationHarness(Flaky(policy));

        // Act
        OrchestratorResponse attempt1 = harness.Start("Flaky", null);
        OrchestratorResponse wait1 = harness.At(T0.AddSeconds(1)).Deliver(Events.TaskFailed(0, "System.TimeoutException", "slow 1"));
        OrchestratorResponse attempt2 = harness.At(T0.AddSeconds(11)).Deliver(Events.TimerFired(1, T0.AddSeconds(11)));
        OrchestratorResponse wait2 = harness.At(T0.AddSeconds(12)).Deliver(Events.TaskFailed(2, "System.TimeoutException", "slow 2"));
        OrchestratorResponse attempt3 = harness.At(T0.AddSeconds(32)).Deliver(Events.TimerFired(3, T0.AddSeconds(32)));
        OrchestratorResponse wait3 = harness.At(T0.AddSeconds(33)).Deliver(Events.TaskFailed(4, "System.TimeoutException", "slow 3"));
        OrchestratorResponse attempt4 = harness.At(T0.AddSeconds(63)).Deliver(Events.TimerFired(5, T0.AddSeconds(63)));
        OrchestratorResponse gaveUp = harness.At(T0.AddSeconds(64)).Deliver(Events.TaskFailed(6, "System.TimeoutException", "slow 4"));

        // Assert
        Assert.Equal("\"in\"", ResponseAssert.SingleActivity(attempt1, 0, "Flaky").Input);
        Assert.Equal(T0.AddSeconds(11), ResponseAssert.SingleTimer(wait1, 1));
        ResponseAssert.SingleActivity(attempt2, 2, "Flaky");
        Assert.Equal(T0.AddSeconds(32), ResponseAssert.SingleTimer(wait2, 3));
        ResponseAssert.SingleActivity(attempt3, 4, "Flaky");
        Assert.Equal(T0.AddSeconds(63), ResponseAssert.SingleTimer(wait3, 5));
        ResponseAssert.SingleActivity(attempt4, 6, "Flaky");
        Assert.Equal("\"gave up: slow 4\"", ResponseAssert.SingleCompletion(gaveUp, 7, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void CallActivityAsync_SecondAttemptSucceeds_ReturnsItsResult()
    {
        // Arrange
        var harness = new OrchestrationHarness(Flaky(new RetryPolicy(3, TimeSpan.FromMinutes(1))));
        harness.Start("Flaky", null);
        harness.At(T0.AddSeconds(1)).Deliver(Events.TaskFailed(0, "System.TimeoutException", "slow"));
        harness.At(T0.AddSeconds(61)).Deliver(Events.TimerFired(1, T0.AddSeconds(61)));

        // Act
        OrchestratorResponse done = harness.At(T0.AddSeconds(62)).Deliver(Events.TaskCompleted(2, "\"fine\""));

        // Assert
        Assert.Equal("\"fine\"", ResponseAssert.SingleCompletion(done, 3, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void CallActivityAsync_HandlePredicateRejectsTheFailure_DoesNotRetry()
    {
        // Arrange
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1), handle: failure => failure.IsCausedBy<TimeoutException>());
        var harness = new OrchestrationHarness(Flaky(policy));
        harness.Start("Flaky", null);

        // Act
        OrchestratorResponse done = harness.At(T0.AddSeconds(1)).Deliver(Events.TaskFailed(0, "System.ArgumentException", "bad input"));

        // Assert
        Assert.Equal("\"gave up: bad input\"", ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void CallActivityAsync_FailureEnvelopeInTaskCompleted_IsRetriedLikeATaskFailure()
    {
        // Arrange
        var harness = new OrchestrationHarness(Flaky(new RetryPolicy(2, TimeSpan.FromSeconds(5))));
        harness.Start("Flaky", null);
        string failure = ActivityResultEnvelope.Failure(new TaskFailureInfo("System.TimeoutException", "slow"));

        // Act
        OrchestratorResponse wait = harness.At(T0.AddSeconds(1)).Deliver(Events.TaskCompleted(0, failure));

        // Assert
        Assert.Equal(T0.AddSeconds(6), ResponseAssert.SingleTimer(wait, 1));
    }

    [Fact]
    public void CallActivityAsync_RetryTimeoutSpent_StopsRetrying()
    {
        // Arrange
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(5), retryTimeout: TimeSpan.FromMinutes(1));
        var harness = new OrchestrationHarness(Flaky(policy));
        harness.Start("Flaky", null);

        // Act
        OrchestratorResponse done = harness.At(T0.AddMinutes(2)).Deliver(Events.TaskFailed(0, "System.TimeoutException", "slow"));

        // Assert
        Assert.Equal("\"gave up: slow\"", ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void GetDelay_ExponentialPolicy_GrowsAndIsCapped()
    {
        // Arrange
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1), backoffCoefficient: 3, maxRetryInterval: TimeSpan.FromSeconds(20));

        // Act
        TimeSpan[] delays = [.. Enumerable.Range(1, 5).Select(policy.GetDelay)];

        // Assert
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)], delays);
    }

    [Theory]
    [InlineData(0, 1, 1.0)]
    [InlineData(3, 0, 1.0)]
    [InlineData(3, 1, 0.5)]
    public void Constructor_InvalidSettings_Throws(int attempts, int firstSeconds, double coefficient)
    {
        // Arrange
        TimeSpan first = TimeSpan.FromSeconds(firstSeconds);

        // Act
        Exception? exception = Record.Exception(() => new RetryPolicy(attempts, first, coefficient));

        // Assert
        Assert.IsType<ArgumentOutOfRangeException>(exception);
    }
}
