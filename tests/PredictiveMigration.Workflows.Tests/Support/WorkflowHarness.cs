using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using PredictiveMigration.Durable;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Replay;
using PredictiveMigration.Durable.Routes;
using PredictiveMigration.Workflows.Connectors;

namespace PredictiveMigration.Workflows.Tests.Support;

/// <summary>
/// An in-memory backend for orchestrator unit tests: it runs the real replay executor episode by episode on a growing
/// history, answers every scheduled activity with a fake (one completion per episode, in order), fires timers by
/// advancing its clock when nothing else is pending, raises scripted external events, and runs sub-orchestrations to
/// completion with the same fakes. Every activity call is logged with its input.
/// </summary>
internal sealed class WorkflowHarness
{
    public static readonly DateTime T0 = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    private readonly OrchestrationExecutor _executor;
    private readonly Dictionary<string, Func<JsonElement, int, object?>> _fakes = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Activity, int Call, string Event, object? Payload)> _afterActivity = [];
    private readonly Dictionary<string, int> _calls = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, string? Input)> _log = [];
    private readonly List<string?> _statuses = [];
    private readonly List<(string Event, object? Payload)> _atStart = [];
    private readonly List<HistoryEvent> _pendingRaise = [];

    public WorkflowHarness()
    {
        // As in the Functions app and WorkflowHost: the migration orchestrator calls the connectors' RecordMigrationObservation.
        _executor = new OrchestrationExecutor(new DurableTaskRegistry().AddMigrationWorkflows().AddConnectorWorkflows(), Options);
    }

    public static DurableTaskOptions Options { get; } = new();

    public DateTime Now { get; private set; } = T0;

    /// <summary>Every activity call, in order: name and input JSON.</summary>
    public IReadOnlyList<(string Name, string? Input)> Calls => _log;

    public IReadOnlyList<string> CallNames => [.. _log.Select(c => c.Name)];

    /// <summary>Every custom status the orchestration set, one per episode.</summary>
    public IReadOnlyList<string?> Statuses => _statuses;

    public int MaxOutstandingSubOrchestrations { get; private set; }

    public List<string> SubOrchestrationsStarted { get; } = [];

    /// <summary>Answers <paramref name="activity"/> with <paramref name="fake"/>(input, 1-based call number); return a value or throw.</summary>
    public WorkflowHarness On(string activity, Func<JsonElement, int, object?> fake)
    {
        _fakes[activity] = fake;
        return this;
    }

    /// <summary>Raises an event right after the first episode.</summary>
    public WorkflowHarness RaiseAtStart(string name, object? payload)
    {
        _atStart.Add((name, payload));
        return this;
    }

    /// <summary>Raises an event right after the <paramref name="call"/>-th call of <paramref name="activity"/> completes.</summary>
    public WorkflowHarness RaiseAfter(string activity, int call, string name, object? payload)
    {
        _afterActivity.Add((activity, call, name, payload));
        return this;
    }

    /// <summary>Runs an orchestration to completion and returns its completion action.</summary>
    public CompleteOrchestrationAction Run(string orchestrator, object input, string instanceId = "inst1") =>
        Run(orchestrator, JsonSerializer.Serialize(input, Options.SerializerOptions), instanceId, depth: 0);

    public T Result<T>(CompleteOrchestrationAction completion)
    {
        Assert.Equal(OrchestrationStatus.Completed, completion.OrchestrationStatus);
        return JsonSerializer.Deserialize<T>(completion.Result, Options.SerializerOptions)!;
    }

    private CompleteOrchestrationAction Run(string orchestrator, string inputJson, string instanceId, int depth)
    {
        var history = new List<HistoryEvent>();
        var queue = new Queue<HistoryEvent>();
        var timers = new List<(int Id, DateTime FireAt)>();
        var outstanding = 0;
        var newEvents = new List<HistoryEvent>
        {
            Stamp(new HistoryEvent { EventId = -1, ExecutionStarted = new ExecutionStartedEvent { Name = orchestrator, Input = inputJson, OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = "exec1" } } }),
        };
        var first = true;
        for (var episode = 0; episode < 5000; episode++)
        {
            var request = new OrchestratorRequest { InstanceId = instanceId, ExecutionId = "exec1", PastEvents = { history } };
            request.NewEvents.Add(Stamp(new HistoryEvent { EventId = -1, OrchestratorStarted = new OrchestratorStartedEvent() }));
            request.NewEvents.AddRange(newEvents);
            var response = _executor.Execute(request);
            history.AddRange(request.NewEvents);
            if (depth == 0)
            {
                _statuses.Add(response.CustomStatus);
            }

            foreach (var action in response.Actions)
            {
                switch (action.OrchestratorActionTypeCase)
                {
                    case OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration:
                        return action.CompleteOrchestration;
                    case OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask:
                        history.Add(Stamp(new HistoryEvent { EventId = action.Id, TaskScheduled = new TaskScheduledEvent { Name = action.ScheduleTask.Name, Input = action.ScheduleTask.Input } }));
                        queue.Enqueue(Invoke(action.Id, action.ScheduleTask.Name, action.ScheduleTask.Input));
                        foreach (var raised in _pendingRaise)
                        {
                            queue.Enqueue(raised);
                        }

                        _pendingRaise.Clear();
                        break;
                    case OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer:
                        history.Add(Stamp(new HistoryEvent { EventId = action.Id, TimerCreated = new TimerCreatedEvent { FireAt = action.CreateTimer.FireAt } }));
                        timers.Add((action.Id, action.CreateTimer.FireAt.ToDateTime()));
                        break;
                    case OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration:
                        var sub = action.CreateSubOrchestration;
                        history.Add(Stamp(new HistoryEvent { EventId = action.Id, SubOrchestrationInstanceCreated = new SubOrchestrationInstanceCreatedEvent { InstanceId = sub.InstanceId, Name = sub.Name, Input = sub.Input } }));
                        SubOrchestrationsStarted.Add(sub.InstanceId);
                        outstanding++;
                        MaxOutstandingSubOrchestrations = Math.Max(MaxOutstandingSubOrchestrations, outstanding);
                        var child = Run(sub.Name, sub.Input, sub.InstanceId, depth + 1);
                        queue.Enqueue(child.OrchestrationStatus == OrchestrationStatus.Completed
                            ? new HistoryEvent { EventId = -1, SubOrchestrationInstanceCompleted = new SubOrchestrationInstanceCompletedEvent { TaskScheduledId = action.Id, Result = child.Result } }
                            : new HistoryEvent { EventId = -1, SubOrchestrationInstanceFailed = new SubOrchestrationInstanceFailedEvent { TaskScheduledId = action.Id, FailureDetails = child.FailureDetails } });
                        break;
                    default:
                        break;
                }
            }

            history.Add(Stamp(new HistoryEvent { EventId = -1, OrchestratorCompleted = new OrchestratorCompletedEvent() }));
            if (first && depth == 0)
            {
                foreach (var (name, payload) in _atStart)
                {
                    queue.Enqueue(Raised(name, payload));
                }
            }

            first = false;
            newEvents = [];
            if (queue.Count > 0)
            {
                var next = queue.Dequeue();
                if (next.SubOrchestrationInstanceCompleted is not null || next.SubOrchestrationInstanceFailed is not null)
                {
                    outstanding--;
                }

                newEvents.Add(Stamp(next));
            }
            else if (timers.Count > 0)
            {
                var timer = timers.OrderBy(t => t.FireAt).ThenBy(t => t.Id).First();
                timers.Remove(timer);
                if (timer.FireAt > Now)
                {
                    Now = timer.FireAt;
                }

                newEvents.Add(Stamp(new HistoryEvent { EventId = -1, TimerFired = new TimerFiredEvent { TimerId = timer.Id, FireAt = Timestamp.FromDateTime(timer.FireAt) } }));
            }
            else
            {
                throw new InvalidOperationException($"{orchestrator} is stuck: nothing pending after episode {episode}. Calls: {string.Join(", ", CallNames)}");
            }
        }

        throw new InvalidOperationException($"{orchestrator} did not finish in 5000 episodes.");
    }

    private HistoryEvent Invoke(int id, string name, string? inputJson)
    {
        _log.Add((name, inputJson));
        var call = _calls[name] = _calls.GetValueOrDefault(name) + 1;
        foreach (var (activity, n, eventName, payload) in _afterActivity)
        {
            if (string.Equals(activity, name, StringComparison.OrdinalIgnoreCase) && n == call)
            {
                // Delivered after the completion, which is enqueued by the caller right after this returns.
                _pendingRaise.Add(Raised(eventName, payload));
            }
        }

        HistoryEvent completion;
        try
        {
            using var doc = JsonDocument.Parse(inputJson ?? "null");
            var fake = _fakes.TryGetValue(name, out var f) ? f : throw new InvalidOperationException($"No fake for activity {name}.");
            var result = fake(doc.RootElement.Clone(), call);
            completion = new HistoryEvent { EventId = -1, TaskCompleted = new TaskCompletedEvent { TaskScheduledId = id, Result = ActivityResultEnvelope.Success(JsonSerializer.Serialize(result, Options.SerializerOptions)) } };
        }
        catch (Exception ex) when (ex is not InvalidOperationException || !ex.Message.StartsWith("No fake", StringComparison.Ordinal))
        {
            completion = new HistoryEvent { EventId = -1, TaskFailed = new TaskFailedEvent { TaskScheduledId = id, FailureDetails = new TaskFailureDetails { ErrorType = ex.GetType().FullName, ErrorMessage = ex.Message } } };
        }

        return completion;
    }

    private static HistoryEvent Raised(string name, object? payload) =>
        new() { EventId = -1, EventRaised = new EventRaisedEvent { Name = name, Input = JsonSerializer.Serialize(payload, Options.SerializerOptions) } };

    private HistoryEvent Stamp(HistoryEvent e)
    {
        e.Timestamp ??= Timestamp.FromDateTime(Now);
        return e;
    }
}
