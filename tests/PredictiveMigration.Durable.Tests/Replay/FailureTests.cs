using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Routes;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Replay;

public sealed class FailureTests
{
    private static DurableTaskRegistry CallRisky(bool catchIt) => new DurableTaskRegistry().AddOrchestrator<string?, string>("Caller", async (context, _) =>
    {
        try
        {
            return await context.CallActivityAsync<string>("Risky", "x");
        }
        catch (TaskFailedException exception) when (catchIt)
        {
            return $"{exception.FailureDetails.ErrorType}|{exception.FailureDetails.ErrorMessage}|{exception.Message}";
        }
    });

    [Fact]
    public void CallActivityAsync_ActivityFailureCaught_OrchestratorSeesTheFailureTypeAndMessage()
    {
        // Arrange
        var harness = new OrchestrationHarness(CallRisky(catchIt: true));
        harness.Start("Caller", null);

        // Act
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskFailed(0, "System.IO.IOException", "disk full"));

        // Assert
        Assert.Equal(
            "\"System.IO.IOException|disk full|Task 'Risky' (#0) failed with an unhandled exception: disk full\"",
            ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void CallActivityAsync_ActivityFailureNotCaught_FailsTheOrchestrationWithTheFailureAsInnerFailure()
    {
        // Arrange
        var harness = new OrchestrationHarness(CallRisky(catchIt: false));
        harness.Start("Caller", null);

        // Act
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskFailed(0, "System.IO.IOException", "disk full"));

        // Assert
        CompleteOrchestrationAction failed = ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Failed);
        Assert.Equal(typeof(TaskFailedException).FullName, failed.FailureDetails.ErrorType);
        Assert.Equal("Task 'Risky' (#0) failed with an unhandled exception: disk full", failed.FailureDetails.ErrorMessage);
        Assert.Equal(failed.FailureDetails.ErrorMessage, failed.Result);
        Assert.Equal("System.IO.IOException", failed.FailureDetails.InnerFailure.ErrorType);
        Assert.Equal("disk full", failed.FailureDetails.InnerFailure.ErrorMessage);
        Assert.Equal("at Somewhere()", failed.FailureDetails.InnerFailure.StackTrace);
    }

    [Fact]
    public void CallActivityAsync_FailureEnvelopeInTaskCompleted_ThrowsTaskFailedExceptionWithThatTypeAndMessage()
    {
        // Arrange
        var harness = new OrchestrationHarness(CallRisky(catchIt: true));
        harness.Start("Caller", null);
        string envelope = ActivityResultEnvelope.Failure(new TaskFailureInfo("PredictiveMigration.Domain.QuotaExceededException", "no cores left"));

        // Act
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskCompleted(0, envelope));

        // Assert
        Assert.StartsWith(
            "\"PredictiveMigration.Domain.QuotaExceededException|no cores left|",
            ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed).Result,
            StringComparison.Ordinal);
    }

    [Fact]
    public void CallActivityAsync_SuccessEnvelopeInTaskCompleted_ReturnsTheOutput()
    {
        // Arrange
        var harness = new OrchestrationHarness(CallRisky(catchIt: true));
        harness.Start("Caller", null);

        // Act
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskCompleted(0, ActivityResultEnvelope.Success("\"2026-01-01T00:00:00+02:00\"")));

        // Assert
        Assert.Equal("\"2026-01-01T00:00:00+02:00\"", ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void Execute_OrchestratorThrowsSynchronously_FailsWithTheExceptionTypeAndMessage()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Throws", (_, _) => throw new ArgumentException("bad input"));
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse response = harness.Start("Throws", null);

        // Assert
        CompleteOrchestrationAction failed = ResponseAssert.SingleCompletion(response, 0, OrchestrationStatus.Failed);
        Assert.Equal("System.ArgumentException", failed.FailureDetails.ErrorType);
        Assert.Equal("bad input", failed.FailureDetails.ErrorMessage);
        Assert.Equal("bad input", failed.Result);
        Assert.False(string.IsNullOrEmpty(failed.FailureDetails.StackTrace));
    }

    [Fact]
    public void Execute_UnregisteredOrchestrator_FailsNamingIt()
    {
        // Arrange
        var harness = new OrchestrationHarness(new DurableTaskRegistry());

        // Act
        OrchestratorResponse response = harness.Start("Ghost", null);

        // Assert
        CompleteOrchestrationAction failed = ResponseAssert.SingleCompletion(response, 0, OrchestrationStatus.Failed);
        Assert.Contains("'Ghost'", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_InputOfTheWrongShape_FailsWithAJsonError()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<int, int>("Numbers", (_, n) => Task.FromResult(n));
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse response = harness.Start("Numbers", "{\"not\":\"a number\"}");

        // Assert
        Assert.Equal("System.Text.Json.JsonException", ResponseAssert.SingleCompletion(response, 0, OrchestrationStatus.Failed).FailureDetails.ErrorType);
    }

    [Fact]
    public void Execute_HistoryWithoutExecutionStarted_FailsInsteadOfThrowing()
    {
        // Arrange
        var executor = new Durable.Replay.OrchestrationExecutor(new DurableTaskRegistry());
        var request = new OrchestratorRequest { InstanceId = "inst1", NewEvents = { Events.OrchestratorStarted(OrchestrationHarness.T0) } };

        // Act
        OrchestratorResponse response = executor.Execute(request);

        // Assert
        Assert.Contains("executionStarted", ResponseAssert.SingleCompletion(response, 0, OrchestrationStatus.Failed).FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void IsCausedBy_BaseTypeOfTheRecordedFailure_IsTrue()
    {
        // Arrange
        var failure = new TaskFailureInfo(typeof(FileNotFoundException).FullName!, "missing");

        // Act
        bool io = failure.IsCausedBy<IOException>();
        bool argument = failure.IsCausedBy<ArgumentException>();

        // Assert
        Assert.True(io);
        Assert.False(argument);
    }
}
