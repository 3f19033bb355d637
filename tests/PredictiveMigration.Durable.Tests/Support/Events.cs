using Google.Protobuf.WellKnownTypes;
using PredictiveMigration.Durable.Protobuf;

namespace PredictiveMigration.Durable.Tests.Support;

/// <summary>History events for hand-built histories (eventId −1 unless it records an action).</summary>
internal static class Events
{
    public static HistoryEvent OrchestratorStarted(DateTime at) => At(at, e => e.OrchestratorStarted = new OrchestratorStartedEvent());

    public static HistoryEvent OrchestratorCompleted(DateTime at) => At(at, e => e.OrchestratorCompleted = new OrchestratorCompletedEvent());

    public static HistoryEvent ExecutionStarted(DateTime at, string name, string? inputJson, string instanceId = "inst1") => At(at, e => e.ExecutionStarted = new ExecutionStartedEvent
    {
        Name = name,
        Input = inputJson,
        OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = "exec1" },
    });

    public static HistoryEvent TaskScheduled(int id, string name, string? inputJson = null) =>
        Recorded(id, e => e.TaskScheduled = new TaskScheduledEvent { Name = name, Input = inputJson });

    public static HistoryEvent TimerCreated(int id, DateTime fireAt) =>
        Recorded(id, e => e.TimerCreated = new TimerCreatedEvent { FireAt = Timestamp.FromDateTime(fireAt) });

    public static HistoryEvent TaskCompleted(int id, string? resultJson) =>
        At(default, e => e.TaskCompleted = new TaskCompletedEvent { TaskScheduledId = id, Result = resultJson });

    public static HistoryEvent TaskFailed(int id, string errorType, string errorMessage) =>
        At(default, e => e.TaskFailed = new TaskFailedEvent
        {
            TaskScheduledId = id,
            FailureDetails = new TaskFailureDetails { ErrorType = errorType, ErrorMessage = errorMessage, StackTrace = "at Somewhere()" },
        });

    public static HistoryEvent SubOrchestrationCompleted(int id, string? resultJson) =>
        At(default, e => e.SubOrchestrationInstanceCompleted = new SubOrchestrationInstanceCompletedEvent { TaskScheduledId = id, Result = resultJson });

    public static HistoryEvent SubOrchestrationFailed(int id, string errorType, string errorMessage) =>
        At(default, e => e.SubOrchestrationInstanceFailed = new SubOrchestrationInstanceFailedEvent
        {
            TaskScheduledId = id,
            FailureDetails = new TaskFailureDetails { ErrorType = errorType, ErrorMessage = errorMessage },
        });

    public static HistoryEvent TimerFired(int id, DateTime fireAt) =>
        At(default, e => e.TimerFired = new TimerFiredEvent { TimerId = id, FireAt = Timestamp.FromDateTime(fireAt) });

    public static HistoryEvent EventRaised(string name, string? inputJson) =>
        At(default, e => e.EventRaised = new EventRaisedEvent { Name = name, Input = inputJson });

    public static HistoryEvent Suspended() => At(default, e => e.ExecutionSuspended = new ExecutionSuspendedEvent());

    public static HistoryEvent Resumed() => At(default, e => e.ExecutionResumed = new ExecutionResumedEvent());

    public static HistoryEvent Terminated(string? reasonJson) => At(default, e => e.ExecutionTerminated = new ExecutionTerminatedEvent { Input = reasonJson });

    /// <summary>The history event the backend records for an action (README of the vectors, "history rules").</summary>
    public static HistoryEvent? RecordedFor(OrchestratorAction action, DateTime at)
    {
        HistoryEvent? recorded = action.OrchestratorActionTypeCase switch
        {
            OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask =>
                TaskScheduled(action.Id, action.ScheduleTask.Name, action.ScheduleTask.Input),
            OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer =>
                Recorded(action.Id, e => e.TimerCreated = new TimerCreatedEvent { FireAt = action.CreateTimer.FireAt }),
            OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration =>
                Recorded(action.Id, e => e.SubOrchestrationInstanceCreated = new SubOrchestrationInstanceCreatedEvent
                {
                    InstanceId = action.CreateSubOrchestration.InstanceId,
                    Name = action.CreateSubOrchestration.Name,
                    Input = action.CreateSubOrchestration.Input,
                }),
            OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent =>
                Recorded(action.Id, e => e.EventSent = new EventSentEvent
                {
                    InstanceId = action.SendEvent.Instance.InstanceId,
                    Name = action.SendEvent.Name,
                    Input = action.SendEvent.Data,
                }),
            _ => null,
        };
        if (recorded is not null)
        {
            recorded.Timestamp = Timestamp.FromDateTime(at);
        }

        return recorded;
    }

    private static HistoryEvent Recorded(int id, Action<HistoryEvent> kind)
    {
        var historyEvent = new HistoryEvent { EventId = id };
        kind(historyEvent);
        return historyEvent;
    }

    private static HistoryEvent At(DateTime at, Action<HistoryEvent> kind)
    {
        var historyEvent = new HistoryEvent { EventId = -1 };
        if (at != default)
        {
            historyEvent.Timestamp = Timestamp.FromDateTime(at);
        }

        kind(historyEvent);
        return historyEvent;
    }
}
