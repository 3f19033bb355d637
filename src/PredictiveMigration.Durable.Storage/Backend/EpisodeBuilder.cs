using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Storage.Client;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// Turns one episode (the new events, then the orchestrator's actions) into the history it appends, the instance row
/// after it and its outbox, the way the Durable extension's dispatcher records actions (PROTOCOL.md §4.2 rule 4:
/// each recorded event takes the action's id as its eventId).
/// </summary>
internal sealed class EpisodeBuilder
{
    private readonly InstanceHistory _history;
    private readonly InstanceRecord _before;
    private readonly DateTimeOffset _now;
    private readonly Timestamp _timestamp;
    private readonly List<HistoryEvent> _events;
    private readonly List<string> _consumed;
    private readonly List<OutboxItem> _outbox = [];
    private InstanceRecord _after;
    private int _actions;

    /// <param name="history">The instance as read.</param>
    /// <param name="newEvents">The episode's new events (orchestratorStarted first).</param>
    /// <param name="consumed">The ids of the messages the episode consumes.</param>
    /// <param name="now">The time the episode is recorded (orchestration clock).</param>
    public EpisodeBuilder(InstanceHistory history, IEnumerable<HistoryEvent> newEvents, IEnumerable<string> consumed, DateTimeOffset now)
    {
        _history = history;
        _before = history.State;
        _now = now;
        _timestamp = Timestamp.FromDateTimeOffset(now);
        _events = [.. newEvents];
        _consumed = [.. consumed];
        _after = _before with
        {
            Status = _before.Status == OrchestrationRuntimeStatus.Pending ? OrchestrationRuntimeStatus.Running : _before.Status,
            LastUpdatedAt = now,
            LastError = null,
        };
    }

    private string InstanceId => _before.InstanceId;

    private string ExecutionId => _before.ExecutionId;

    /// <summary>Applies an orchestrator's answer: its actions, its custom status, its completion.</summary>
    public void Apply(OrchestratorResponse response)
    {
        _after = _after with { CustomStatus = response.CustomStatus };
        foreach (OrchestratorAction action in response.Actions)
        {
            _actions++;
            switch (action.OrchestratorActionTypeCase)
            {
                case OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask:
                    ScheduleTask(action.Id, action.ScheduleTask);
                    break;
                case OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer:
                    CreateTimer(action.Id, action.CreateTimer);
                    break;
                case OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration:
                    CreateSubOrchestration(action.Id, action.CreateSubOrchestration);
                    break;
                case OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent:
                    SendEvent(action.Id, action.SendEvent);
                    break;
                case OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration:
                    CompleteOrchestrationAction complete = action.CompleteOrchestration;
                    Complete(action.Id, complete.OrchestrationStatus, complete.Result, complete.FailureDetails, complete.CarryoverEvents);
                    return;
                default:
                    // The extension throws NotSupportedException for any other kind, which fails the function.
                    FailFunction(HostEnvelopes.FunctionFailure(_before.Name, $"NotSupportedException: the orchestrator action kind {action.OrchestratorActionTypeCase} is not supported."));
                    return;
            }
        }
    }

    /// <summary>Fails the orchestration the way the extension does when the orchestrator function itself fails.</summary>
    public void FailFunction(TaskFailureDetails failure)
    {
        string message = HostEnvelopes.OrchestratorFunctionFailedMessage(_before.Name);
        Complete(-1, OrchestrationStatus.Failed, message, new TaskFailureDetails { ErrorType = failure.ErrorType, ErrorMessage = message, InnerFailure = failure }, []);
    }

    /// <summary>Terminates the instance (a client's request): executionTerminated, then the TERMINATED completion.</summary>
    public void Terminate(string? reason)
    {
        string reasonJson = System.Text.Json.JsonSerializer.Serialize(reason ?? string.Empty);
        _events.Add(new HistoryEvent { EventId = -1, Timestamp = _timestamp, ExecutionTerminated = new ExecutionTerminatedEvent { Input = reasonJson } });
        Complete(-1, OrchestrationStatus.Terminated, reasonJson, null, []);
    }

    /// <summary>Fails the instance without running it (a poison message).</summary>
    public void FailPoisoned(string reason) =>
        Complete(-1, OrchestrationStatus.Failed, reason, new TaskFailureDetails { ErrorType = PoisonErrorType, ErrorMessage = reason }, []);

    /// <summary>The errorType of a poison failure.</summary>
    public const string PoisonErrorType = "PredictiveMigration.Durable.Storage.PoisonMessage";

    public PreparedEpisode Build()
    {
        _events.Add(new HistoryEvent { EventId = -1, Timestamp = _timestamp, OrchestratorCompleted = new OrchestratorCompletedEvent() });
        var record = new EpisodeRecord(_before.Generation, _before.EpisodeCount + 1, _now, _events, _consumed, _outbox);
        InstanceRecord after = _after.Generation == _before.Generation ? _after with { EpisodeCount = _before.EpisodeCount + 1 } : _after;
        return new PreparedEpisode(after, record, _actions);
    }

    private void ScheduleTask(int id, ScheduleTaskAction task)
    {
        HistoryEvent scheduled = Recorded(id, e => e.TaskScheduled = new TaskScheduledEvent { Name = task.Name, Version = task.Version, Input = task.Input });
        _outbox.Add(new OutboxItem(OutboxTarget.WorkItems, WorkMessage.With(MessageId("task", id), WorkMessageKind.Activity, InstanceId, ExecutionId, scheduled)));
    }

    private void CreateTimer(int id, CreateTimerAction timer)
    {
        Recorded(id, e => e.TimerCreated = new TimerCreatedEvent { FireAt = timer.FireAt });
        var fired = new HistoryEvent { EventId = -1, Timestamp = timer.FireAt, TimerFired = new TimerFiredEvent { FireAt = timer.FireAt, TimerId = id } };
        _outbox.Add(new OutboxItem(
            OutboxTarget.Control,
            WorkMessage.With(MessageId("timer", id), WorkMessageKind.Event, InstanceId, ExecutionId, fired),
            VisibleAt: timer.FireAt?.ToDateTimeOffset() ?? _now));
    }

    private void CreateSubOrchestration(int id, CreateSubOrchestrationAction create)
    {
        Recorded(id, e => e.SubOrchestrationInstanceCreated = new SubOrchestrationInstanceCreatedEvent
        {
            InstanceId = create.InstanceId,
            Name = create.Name,
            Version = create.Version,
            Input = create.Input,
        });
        string childExecution = Guid.NewGuid().ToString("N");
        var started = new HistoryEvent
        {
            EventId = -1,
            Timestamp = _timestamp,
            ExecutionStarted = new ExecutionStartedEvent
            {
                Name = create.Name,
                Version = create.Version,
                Input = create.Input,
                OrchestrationInstance = new OrchestrationInstance { InstanceId = create.InstanceId, ExecutionId = childExecution },
                ParentInstance = new ParentInstanceInfo
                {
                    TaskScheduledId = id,
                    Name = _before.Name,
                    OrchestrationInstance = new OrchestrationInstance { InstanceId = InstanceId, ExecutionId = ExecutionId },
                },
            },
        };
        _outbox.Add(new OutboxItem(
            OutboxTarget.Control,
            WorkMessage.With($"{create.InstanceId}:{childExecution}:start", WorkMessageKind.Start, create.InstanceId, childExecution, started),
            CreateInstance: new InstanceSeed(create.InstanceId, create.Name, create.Input, childExecution, InstanceId, ExecutionId, id)));
    }

    private void SendEvent(int id, SendEventAction send)
    {
        Recorded(id, e => e.EventSent = new EventSentEvent { InstanceId = send.Instance?.InstanceId ?? string.Empty, Name = send.Name, Input = send.Data });
        if (string.IsNullOrEmpty(send.Instance?.InstanceId))
        {
            return;
        }

        var raised = new HistoryEvent { EventId = -1, Timestamp = _timestamp, EventRaised = new EventRaisedEvent { Name = send.Name, Input = send.Data } };
        _outbox.Add(new OutboxItem(OutboxTarget.Control, WorkMessage.With(MessageId("send", id), WorkMessageKind.Event, send.Instance.InstanceId, null, raised)));
    }

    private void Complete(int id, OrchestrationStatus status, string? result, TaskFailureDetails? failure, IEnumerable<HistoryEvent> carryover)
    {
        _events.Add(new HistoryEvent
        {
            EventId = id,
            Timestamp = _timestamp,
            ExecutionCompleted = new ExecutionCompletedEvent { OrchestrationStatus = status, Result = result, FailureDetails = failure },
        });

        if (status == OrchestrationStatus.ContinuedAsNew)
        {
            ContinueAsNew(result, carryover);
            return;
        }

        _after = _after with
        {
            Status = (OrchestrationRuntimeStatus)(int)status,
            Output = status == OrchestrationStatus.Failed ? null : result,
            Failure = status == OrchestrationStatus.Failed ? ProtoFailures.ToInfo(failure) ?? new TaskFailureInfo("Unknown", result ?? string.Empty) : null,
            CompletedAt = _now,
        };
        NotifyParent(status, result, failure);
    }

    private void ContinueAsNew(string? input, IEnumerable<HistoryEvent> carryover)
    {
        string execution = Guid.NewGuid().ToString("N");
        ExecutionStartedEvent? previous = _history.CurrentEvents
            .Concat(_events)
            .FirstOrDefault(e => e.EventTypeCase == HistoryEvent.EventTypeOneofCase.ExecutionStarted)?.ExecutionStarted;
        ExecutionStartedEvent started = previous?.Clone() ?? new ExecutionStartedEvent { Name = _before.Name };
        started.Input = input;
        started.OrchestrationInstance = new OrchestrationInstance { InstanceId = InstanceId, ExecutionId = execution };
        var events = new List<HistoryEvent> { new() { EventId = -1, Timestamp = _timestamp, ExecutionStarted = started } };

        // Only eventRaised carry-over events are honoured, as in the extension (PROTOCOL.md §3.2).
        events.AddRange(carryover.Where(e => e.EventTypeCase == HistoryEvent.EventTypeOneofCase.EventRaised));
        _outbox.Add(new OutboxItem(
            OutboxTarget.Control,
            WorkMessage.With($"{InstanceId}:{execution}:start", WorkMessageKind.Start, InstanceId, execution, [.. events])));
        _after = _after with
        {
            Status = OrchestrationRuntimeStatus.Running,
            ExecutionId = execution,
            Generation = _before.Generation + 1,
            EpisodeCount = 0,
            Input = input,
            Output = null,
            Failure = null,
        };
    }

    private void NotifyParent(OrchestrationStatus status, string? result, TaskFailureDetails? failure)
    {
        if (string.IsNullOrEmpty(_before.ParentInstanceId) || string.IsNullOrEmpty(_before.ParentExecutionId))
        {
            return;
        }

        var notice = new HistoryEvent { EventId = -1, Timestamp = _timestamp };
        if (status == OrchestrationStatus.Completed)
        {
            notice.SubOrchestrationInstanceCompleted = new SubOrchestrationInstanceCompletedEvent { TaskScheduledId = _before.ParentTaskId, Result = result };
        }
        else
        {
            notice.SubOrchestrationInstanceFailed = new SubOrchestrationInstanceFailedEvent
            {
                TaskScheduledId = _before.ParentTaskId,
                FailureDetails = failure ?? new TaskFailureDetails
                {
                    ErrorType = "PredictiveMigration.Durable.Storage.OrchestrationTerminated",
                    ErrorMessage = string.Create(CultureInfo.InvariantCulture, $"Sub-orchestration '{InstanceId}' ended {status}: {result}"),
                },
            };
        }

        _outbox.Add(new OutboxItem(
            OutboxTarget.Control,
            WorkMessage.With(MessageId("parent", 0), WorkMessageKind.Event, _before.ParentInstanceId, _before.ParentExecutionId, notice)));
    }

    private HistoryEvent Recorded(int id, Action<HistoryEvent> kind)
    {
        var historyEvent = new HistoryEvent { EventId = id, Timestamp = _timestamp };
        kind(historyEvent);
        _events.Add(historyEvent);
        return historyEvent;
    }

    private string MessageId(string what, int id) => string.Create(CultureInfo.InvariantCulture, $"{InstanceId}:{ExecutionId}:{what}:{id}");
}
