using System.Text.Json;
using PredictiveMigration.Durable.Protobuf;

namespace PredictiveMigration.Durable.Replay;

/// <summary>
/// Runs one episode: replays <c>pastEvents</c> then <c>newEvents</c> through the orchestrator code and builds the
/// response (PROTOCOL.md §4.2). One instance per request; not thread-safe.
/// </summary>
internal sealed class EpisodeRunner
{
    private readonly OrchestratorRequest _request;
    private readonly DurableTaskRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly DurableTaskOptions _options;
    private readonly OrchestrationSynchronizationContext _synchronizationContext = new();
    private readonly ReplayOrchestrationContext _context;
    private readonly List<HistoryEvent> _eventsWhileSuspended = [];
    private ITaskOrchestrator? _orchestrator;
    private Task<object?>? _orchestration;
    private bool _suspended;
    private ExecutionTerminatedEvent? _terminated;
    private Exception? _failure;

    public EpisodeRunner(OrchestratorRequest request, DurableTaskRegistry registry, IServiceProvider services, DurableTaskOptions options)
    {
        _request = request;
        _registry = registry;
        _services = services;
        _options = options;
        _context = new ReplayOrchestrationContext(InstanceIdOf(request), options, _synchronizationContext);
    }

    private bool Stopped => _failure is not null || _terminated is not null;

    public OrchestratorResponse Run()
    {
        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        try
        {
            // Rule 1: past events replay, new events do not.
            ProcessAll(_request.PastEvents, replaying: true);
            ProcessAll(_request.NewEvents, replaying: false);
            return BuildResponse();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
            _synchronizationContext.Close();
        }
    }

    private static string InstanceIdOf(OrchestratorRequest request)
    {
        if (!string.IsNullOrEmpty(request.InstanceId))
        {
            return request.InstanceId;
        }

        HistoryEvent? started = request.PastEvents.Concat(request.NewEvents)
            .FirstOrDefault(e => e.EventTypeCase == HistoryEvent.EventTypeOneofCase.ExecutionStarted);
        return started?.ExecutionStarted.OrchestrationInstance?.InstanceId ?? string.Empty;
    }

    private static Exception ExceptionOf(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            return exception;
        }

        throw new InvalidOperationException("The task did not fail.");
    }

    private void ProcessAll(IEnumerable<HistoryEvent> events, bool replaying)
    {
        foreach (HistoryEvent historyEvent in events)
        {
            if (Stopped)
            {
                return;
            }

            Process(historyEvent, replaying);
        }
    }

    private void Process(HistoryEvent historyEvent, bool replaying)
    {
        // Rule 8: while suspended, everything except resume and terminate waits.
        if (_suspended && historyEvent.EventTypeCase is not (HistoryEvent.EventTypeOneofCase.ExecutionResumed or HistoryEvent.EventTypeOneofCase.ExecutionTerminated))
        {
            _eventsWhileSuspended.Add(historyEvent);
            return;
        }

        _context.Replaying = replaying;
        try
        {
            Dispatch(historyEvent, replaying);
            _synchronizationContext.Drain();
        }
        catch (Exception exception)
        {
            // Non-determinism, a start failure (unknown orchestrator, unreadable input), an exception escaping an
            // async-void continuation, or a bug of ours: all end the episode with FAILED.
            _failure ??= exception;
            return;
        }

        if (_synchronizationContext.SawForeignAccess)
        {
            _failure ??= new NonDurableAwaitException();
        }
    }

    private void Dispatch(HistoryEvent historyEvent, bool replaying)
    {
        switch (historyEvent.EventTypeCase)
        {
            case HistoryEvent.EventTypeOneofCase.OrchestratorStarted:
                // Rule 2: the deterministic clock.
                _context.AdvanceClock(historyEvent.Timestamp);
                break;
            case HistoryEvent.EventTypeOneofCase.ExecutionStarted:
                Start(historyEvent);
                break;
            case HistoryEvent.EventTypeOneofCase.TaskScheduled:
            case HistoryEvent.EventTypeOneofCase.TimerCreated:
            case HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated:
            case HistoryEvent.EventTypeOneofCase.EventSent:
                _context.OnActionRecorded(historyEvent);
                break;
            case HistoryEvent.EventTypeOneofCase.TaskCompleted:
                _context.OnActivityCompleted(historyEvent.TaskCompleted.TaskScheduledId, historyEvent.TaskCompleted.Result);
                break;
            case HistoryEvent.EventTypeOneofCase.TaskFailed:
                _context.OnActivityFailed(historyEvent.TaskFailed.TaskScheduledId, historyEvent.TaskFailed.FailureDetails);
                break;
            case HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCompleted:
                _context.OnSubOrchestrationCompleted(historyEvent.SubOrchestrationInstanceCompleted.TaskScheduledId, historyEvent.SubOrchestrationInstanceCompleted.Result);
                break;
            case HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceFailed:
                _context.OnSubOrchestrationFailed(historyEvent.SubOrchestrationInstanceFailed.TaskScheduledId, historyEvent.SubOrchestrationInstanceFailed.FailureDetails);
                break;
            case HistoryEvent.EventTypeOneofCase.TimerFired:
                _context.OnTimerFired(historyEvent.TimerFired.TimerId);
                break;
            case HistoryEvent.EventTypeOneofCase.EventRaised:
                _context.OnEventRaised(historyEvent);
                break;
            case HistoryEvent.EventTypeOneofCase.ExecutionSuspended:
                _suspended = true;
                break;
            case HistoryEvent.EventTypeOneofCase.ExecutionResumed:
                Resume(replaying);
                break;
            case HistoryEvent.EventTypeOneofCase.ExecutionTerminated:
                // Rule 9.
                _terminated = historyEvent.ExecutionTerminated;
                break;
            default:
                // Rule 13: executionCompleted, orchestratorCompleted, genericEvent, historyState, continueAsNew and
                // kinds this contract does not model (entities, rewind) change nothing here.
                break;
        }
    }

    private void Start(HistoryEvent historyEvent)
    {
        if (_orchestration is not null)
        {
            return;
        }

        ExecutionStartedEvent started = historyEvent.ExecutionStarted;
        if (!_context.ClockStarted)
        {
            _context.AdvanceClock(historyEvent.Timestamp);
        }

        _context.OrchestratorName = started.Name;
        if (!_registry.TryCreateOrchestrator(started.Name, _services, out ITaskOrchestrator? orchestrator))
        {
            throw new InvalidOperationException($"No orchestrator named '{started.Name}' is registered.");
        }

        _orchestrator = orchestrator;
        object? input = string.IsNullOrEmpty(started.Input)
            ? null
            : JsonSerializer.Deserialize(started.Input, orchestrator.InputType, _options.SerializerOptions);
        try
        {
            _orchestration = orchestrator.RunAsync(_context, input);
        }
        catch (Exception exception)
        {
            _orchestration = Task.FromException<object?>(exception);
        }
    }

    private void Resume(bool replaying)
    {
        if (!_suspended)
        {
            return;
        }

        _suspended = false;
        HistoryEvent[] held = [.. _eventsWhileSuspended];
        _eventsWhileSuspended.Clear();

        // The code reacts to these events only now, so it is replaying exactly when the resume itself is.
        foreach (HistoryEvent historyEvent in held)
        {
            if (Stopped)
            {
                return;
            }

            Process(historyEvent, replaying);
        }
    }

    private OrchestratorResponse BuildResponse()
    {
        var response = new OrchestratorResponse
        {
            InstanceId = _request.InstanceId,
            CustomStatus = _context.CustomStatusJson,
            OrchestrationTraceContext = new OrchestrationTraceContext(),
        };

        if (_terminated is not null)
        {
            // Nothing the code scheduled matters any more: only the termination is sent.
            response.Actions.Add(Complete(OrchestrationStatus.Terminated, _terminated.Input));
            return response;
        }

        if (_failure is null && _suspended)
        {
            return response;
        }

        // Rule 10: only the actions history has not recorded, then at most one completion.
        response.Actions.AddRange(_context.PendingActions);
        OrchestratorAction? completion = _failure is not null ? Failed(_failure) : CompletionOrNull();
        if (completion is not null)
        {
            response.Actions.Add(completion);
        }

        return response;
    }

    private OrchestratorAction? CompletionOrNull()
    {
        if (_orchestration is null)
        {
            return Failed(new InvalidOperationException("The orchestration history has no executionStarted event."));
        }

        if (!_orchestration.IsCompleted && _synchronizationContext.SawForeignAccess)
        {
            return Failed(new NonDurableAwaitException());
        }

        if (!_orchestration.IsCompleted)
        {
            // Waiting with nothing durable outstanding can only mean a non-durable await: fail rather than hang.
            return _context.HasOpenWork ? null : Failed(new NonDurableAwaitException());
        }

        if (!_orchestration.IsCompletedSuccessfully)
        {
            return Failed(ExceptionOf(_orchestration));
        }

        try
        {
            if (_context.ContinueAsNewRequested)
            {
                OrchestratorAction continued = Complete(OrchestrationStatus.ContinuedAsNew, _context.ContinueAsNewInputJson);
                if (_context.PreserveUnprocessedEvents)
                {
                    continued.CompleteOrchestration.CarryoverEvents.AddRange(_context.UnconsumedEvents);
                }

                return continued;
            }

            object? output = _orchestration.Result;
            string? outputJson = output is null
                ? null
                : JsonSerializer.Serialize(output, _orchestrator!.OutputType, _options.SerializerOptions);
            return Complete(OrchestrationStatus.Completed, outputJson);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            return Failed(exception);
        }
    }

    private OrchestratorAction Complete(OrchestrationStatus status, string? result) => new()
    {
        Id = _context.NextSequenceNumber(),
        CompleteOrchestration = new CompleteOrchestrationAction { OrchestrationStatus = status, Result = result },
    };

    private OrchestratorAction Failed(Exception exception)
    {
        // Rule 11: FAILED carries failureDetails; result is the raw message (not JSON), as Microsoft's SDK sends.
        OrchestratorAction action = Complete(OrchestrationStatus.Failed, exception.Message);
        action.CompleteOrchestration.FailureDetails =
            FailureDetailsConverter.ToProto(FailureDetailsConverter.ToInfo(exception, _options.IncludeStackTraces));
        return action;
    }
}
