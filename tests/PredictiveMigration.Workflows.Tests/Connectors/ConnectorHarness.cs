using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using PredictiveMigration.Durable;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Replay;
using PredictiveMigration.Durable.Routes;
using PredictiveMigration.Workflows.Connectors;

namespace PredictiveMigration.Workflows.Tests.Connectors;

/// <summary>
/// An in-memory backend for the eternal connector orchestration: the real replay executor, episode by episode, on a
/// growing history; every activity answered by a handler (one completion per episode); timers fired by advancing the
/// clock; a continue-as-new starts the next execution with the carried input. Every episode's request and response are
/// kept so a test can replay them on a fresh executor.
/// </summary>
internal sealed class ConnectorHarness
{
    public static readonly DateTime T0 = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    private readonly Dictionary<string, Func<JsonElement, int, object?>> _handlers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _calls = new(StringComparer.OrdinalIgnoreCase);

    public static DurableTaskOptions Options { get; } = new();

    public static DurableTaskRegistry Registry => new DurableTaskRegistry().AddConnectorWorkflows();

    public DateTime Now { get; private set; } = T0;

    /// <summary>Every activity call: execution (1-based), name, input JSON.</summary>
    public List<(int Execution, string Name, string? Input)> Calls { get; } = [];

    /// <summary>Every timer created: execution, fire time.</summary>
    public List<(int Execution, DateTime FireAt)> Timers { get; } = [];

    /// <summary>The last custom status of each execution.</summary>
    public List<string?> FinalStatuses { get; } = [];

    /// <summary>Every episode: its request and the executor's response.</summary>
    public List<(OrchestratorRequest Request, OrchestratorResponse Response)> Episodes { get; } = [];

    /// <summary>The input each execution started with (JSON).</summary>
    public List<string> Inputs { get; } = [];

    public ConnectorHarness On(string activity, Func<JsonElement, int, object?> handler)
    {
        _handlers[activity] = handler;
        return this;
    }

    /// <summary>Runs <paramref name="executions"/> executions (rounds); returns the last completion action.</summary>
    public CompleteOrchestrationAction Run(int executions, object? input = null)
    {
        var executor = new OrchestrationExecutor(Registry, Options);
        var inputJson = JsonSerializer.Serialize(input, Options.SerializerOptions);
        CompleteOrchestrationAction? last = null;
        for (var e = 1; e <= executions; e++)
        {
            Inputs.Add(inputJson);
            last = RunExecution(executor, e, inputJson);
            if (last.OrchestrationStatus != OrchestrationStatus.ContinuedAsNew)
            {
                return last;
            }

            inputJson = last.Result;
        }

        return last!;
    }

    public static T Read<T>(string? json) => JsonSerializer.Deserialize<T>(json!, Options.SerializerOptions)!;

    private CompleteOrchestrationAction RunExecution(OrchestrationExecutor executor, int execution, string inputJson)
    {
        var history = new List<HistoryEvent>();
        var queue = new Queue<HistoryEvent>();
        var timers = new List<(int Id, DateTime FireAt)>();
        var executionId = "exec" + execution;
        var newEvents = new List<HistoryEvent>
        {
            Stamp(new HistoryEvent { EventId = -1, ExecutionStarted = new ExecutionStartedEvent { Name = ConnectorScalingOrchestrator.Name, Input = inputJson, OrchestrationInstance = new OrchestrationInstance { InstanceId = ConnectorScalingOrchestrator.InstanceId, ExecutionId = executionId } } }),
        };
        string? status = null;
        for (var episode = 0; episode < 1000; episode++)
        {
            var request = new OrchestratorRequest { InstanceId = ConnectorScalingOrchestrator.InstanceId, ExecutionId = executionId, PastEvents = { history } };
            request.NewEvents.Add(Stamp(new HistoryEvent { EventId = -1, OrchestratorStarted = new OrchestratorStartedEvent() }));
            request.NewEvents.AddRange(newEvents);
            var response = executor.Execute(request);
            Episodes.Add((request.Clone(), response.Clone()));
            history.AddRange(request.NewEvents);
            status = response.CustomStatus;
            foreach (var action in response.Actions)
            {
                switch (action.OrchestratorActionTypeCase)
                {
                    case OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration:
                        FinalStatuses.Add(status);
                        return action.CompleteOrchestration;
                    case OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask:
                        history.Add(Stamp(new HistoryEvent { EventId = action.Id, TaskScheduled = new TaskScheduledEvent { Name = action.ScheduleTask.Name, Input = action.ScheduleTask.Input } }));
                        queue.Enqueue(Invoke(execution, action.Id, action.ScheduleTask.Name, action.ScheduleTask.Input));
                        break;
                    case OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer:
                        history.Add(Stamp(new HistoryEvent { EventId = action.Id, TimerCreated = new TimerCreatedEvent { FireAt = action.CreateTimer.FireAt } }));
                        timers.Add((action.Id, action.CreateTimer.FireAt.ToDateTime()));
                        Timers.Add((execution, action.CreateTimer.FireAt.ToDateTime()));
                        break;
                    default:
                        throw new InvalidOperationException($"Unexpected action {action.OrchestratorActionTypeCase}.");
                }
            }

            history.Add(Stamp(new HistoryEvent { EventId = -1, OrchestratorCompleted = new OrchestratorCompletedEvent() }));
            newEvents = [];
            if (queue.Count > 0)
            {
                newEvents.Add(Stamp(queue.Dequeue()));
            }
            else if (timers.Count > 0)
            {
                var timer = timers.OrderBy(t => t.FireAt).ThenBy(t => t.Id).First();
                timers.Remove(timer);
                Now = timer.FireAt > Now ? timer.FireAt : Now;
                newEvents.Add(Stamp(new HistoryEvent { EventId = -1, TimerFired = new TimerFiredEvent { TimerId = timer.Id, FireAt = Timestamp.FromDateTime(timer.FireAt) } }));
            }
            else
            {
                throw new InvalidOperationException($"Stuck after episode {episode}: nothing pending.");
            }
        }

        throw new InvalidOperationException("The execution did not finish in 1000 episodes.");
    }

    private HistoryEvent Invoke(int execution, int id, string name, string? inputJson)
    {
        Calls.Add((execution, name, inputJson));
        var call = _calls[name] = _calls.GetValueOrDefault(name) + 1;
        try
        {
            using var doc = JsonDocument.Parse(inputJson ?? "null");
            var handler = _handlers.TryGetValue(name, out var h) ? h : throw new InvalidOperationException($"No handler for activity {name}.");
            var result = handler(doc.RootElement.Clone(), call);
            return new HistoryEvent { EventId = -1, TaskCompleted = new TaskCompletedEvent { TaskScheduledId = id, Result = ActivityResultEnvelope.Success(JsonSerializer.Serialize(result, Options.SerializerOptions)) } };
        }
        catch (Exception ex) when (!ex.Message.StartsWith("No handler", StringComparison.Ordinal))
        {
            return new HistoryEvent { EventId = -1, TaskFailed = new TaskFailedEvent { TaskScheduledId = id, FailureDetails = new TaskFailureDetails { ErrorType = ex.GetType().FullName, ErrorMessage = ex.Message } } };
        }
    }

    private HistoryEvent Stamp(HistoryEvent e)
    {
        e.Timestamp ??= Timestamp.FromDateTime(Now);
        return e;
    }
}
