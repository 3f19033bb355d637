using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Replay;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Replay;

public sealed class NonDeterminismTests
{
    private static readonly DateTime T0 = OrchestrationHarness.T0;

    private static readonly DurableTaskRegistry CallsA = new DurableTaskRegistry().AddOrchestrator<string?, string>("Orch", (context, _) =>
        context.CallActivityAsync<string>("A"));

    private static OrchestratorResponse Run(DurableTaskRegistry registry, params HistoryEvent[] recorded) =>
        new OrchestrationExecutor(registry).Execute(new OrchestratorRequest
        {
            InstanceId = "inst1",
            PastEvents = { new[] { Events.OrchestratorStarted(T0), Events.ExecutionStarted(T0, "Orch", null) }.Concat(recorded) },
            NewEvents = { Events.OrchestratorStarted(T0.AddSeconds(5)) },
        });

    [Fact]
    public void Execute_HistoryRecordsATimerWhereTheCodeSchedulesAnActivity_FailsNamingBoth()
    {
        // Arrange
        HistoryEvent timer = Events.TimerCreated(0, T0.AddMinutes(1));

        // Act
        OrchestratorResponse response = Run(CallsA, timer);

        // Assert
        CompleteOrchestrationAction failed = ResponseAssert.Completion(response, 1, OrchestrationStatus.Failed);
        Assert.Equal(NonDeterministicOrchestrationException.ErrorType, failed.FailureDetails.ErrorType);
        Assert.Equal(
            "Non-Deterministic workflow detected: A previous execution of this orchestration scheduled a durable timer with sequence number 0, "
            + "but the current orchestration replay instead scheduled an activity task named 'A' with this sequence number.  "
            + "Was a change made to the orchestrator code after this instance had already started running?",
            failed.FailureDetails.ErrorMessage);
        Assert.Equal(failed.FailureDetails.ErrorMessage, failed.Result);
    }

    [Fact]
    public void Execute_HistoryRecordsAnActionTheCodeNoLongerSchedules_Fails()
    {
        // Arrange
        HistoryEvent extra = Events.TaskScheduled(1, "B");

        // Act
        OrchestratorResponse response = Run(CallsA, Events.TaskScheduled(0, "A"), extra);

        // Assert
        CompleteOrchestrationAction failed = ResponseAssert.SingleCompletion(response, 1, OrchestrationStatus.Failed);
        Assert.Contains("scheduled an activity task with sequence number 1 named 'B'", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("did not schedule anything", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_ActivityNameDiffersOnlyInCase_IsNotNonDeterminism()
    {
        // Arrange: Functions names are case-insensitive, as DurableTask.Core's replay check is.
        HistoryEvent recorded = Events.TaskScheduled(0, "a");

        // Act
        OrchestratorResponse response = Run(CallsA, recorded);

        // Assert
        Assert.Empty(response.Actions);
    }

    [Fact]
    public void Execute_ActivityInputChanged_IsNotNonDeterminism()
    {
        // Arrange: replay compares names only, never inputs (vectors README).
        HistoryEvent recorded = Events.TaskScheduled(0, "A", "\"another input\"");

        // Act
        OrchestratorResponse response = Run(CallsA, recorded);

        // Assert
        Assert.Empty(response.Actions);
    }
}
