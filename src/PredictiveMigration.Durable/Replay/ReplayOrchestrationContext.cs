using System.Runtime.ExceptionServices;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using PredictiveMigration.Durable.Logging;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Routes;

namespace PredictiveMigration.Durable.Replay;

/// <summary>
/// The context the executor hands to orchestrator code for one episode. It turns API calls into pending actions
/// (each with the next sequence number) and open tasks, and it resolves them as the history is replayed
/// (PROTOCOL.md §4.2).
/// </summary>
internal sealed class ReplayOrchestrationContext : TaskOrchestrationContext
{
    /// <summary>
    /// Timers further away than this are chained in pieces of exactly this length (PROTOCOL.md §3.5: Azure Storage
    /// queue messages are capped at 7 days; Microsoft's SDKs use 3 days). Never change it: running orchestrations
    /// replay their recorded timer pieces against it, and a different length is a non-determinism failure.
    /// </summary>
    internal static readonly TimeSpan MaximumTimerInterval = TimeSpan.FromDays(3);

    private readonly JsonSerializerOptions _serializerOptions;
    private readonly OrchestrationSynchronizationContext _synchronizationContext;
    private readonly SortedDictionary<int, OrchestratorAction> _pendingActions = [];
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _unconsumedEvents = [];
    private DateTime _currentUtcDateTime = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
    private int _sequenceNumber;
    private int _guidCounter;

    public ReplayOrchestrationContext(string instanceId, DurableTaskOptions options, OrchestrationSynchronizationContext synchronizationContext)
    {
        InstanceId = instanceId;
        _serializerOptions = options.SerializerOptions;
        _synchronizationContext = synchronizationContext;
        Logger = new ReplaySafeLogger(() => IsReplaying, options.LogSink);
    }

    public override string Name => OrchestratorName;

    public override string InstanceId { get; }

    public override bool IsReplaying => Replaying;

    public override DateTime CurrentUtcDateTime => _currentUtcDateTime;

    public override ReplaySafeLogger Logger { get; }

    internal string OrchestratorName { get; set; } = string.Empty;

    internal bool Replaying { get; set; }

    internal bool ClockStarted { get; private set; }

    internal string? CustomStatusJson { get; private set; }

    internal bool ContinueAsNewRequested { get; private set; }

    internal string? ContinueAsNewInputJson { get; private set; }

    internal bool PreserveUnprocessedEvents { get; private set; }

    /// <summary>Whether anything durable is still outstanding (a task to complete or an event to wait for).</summary>
    internal bool HasOpenWork => _openTasks.Count > 0 || _eventWaiters.Count > 0;

    /// <summary>Actions created in this episode and not matched by history, in sequence order.</summary>
    internal IEnumerable<OrchestratorAction> PendingActions => _pendingActions.Values;

    /// <summary>External events that arrived and that nobody consumed, in arrival order (verbatim).</summary>
    internal IReadOnlyList<HistoryEvent> UnconsumedEvents => _unconsumedEvents;

    internal void AdvanceClock(Timestamp? timestamp)
    {
        if (timestamp is not null)
        {
            _currentUtcDateTime = timestamp.ToDateTime();
            ClockStarted = true;
        }
    }

    internal int NextSequenceNumber() => _sequenceNumber++;

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, RetryPolicy? retry = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        EnsureOrchestratorThread();
        string? inputJson = Serialize(input);
        Task<string?> raw = retry is null
            ? ScheduleActivity(name, inputJson)
            : WithRetryAsync(() => ScheduleActivity(name, inputJson), retry);
        return DeserializeAsync<TResult>(raw);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(
        string name, object? input = null, string? instanceId = null, RetryPolicy? retry = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        EnsureOrchestratorThread();
        string childId = instanceId ?? NewGuid().ToString("N");
        string? inputJson = Serialize(input);
        Task<string?> raw = retry is null
            ? ScheduleSubOrchestration(name, childId, inputJson)
            : WithRetryAsync(() => ScheduleSubOrchestration(name, childId, inputJson), retry);
        return DeserializeAsync<TResult>(raw);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        EnsureOrchestratorThread();
        DateTime finalFireAt = fireAt.Kind switch
        {
            DateTimeKind.Utc => fireAt,
            DateTimeKind.Local => fireAt.ToUniversalTime(),
            _ => DateTime.SpecifyKind(fireAt, DateTimeKind.Utc),
        };
        return finalFireAt - CurrentUtcDateTime > MaximumTimerInterval
            ? CreateLongTimerAsync(finalFireAt, cancellationToken)
            : CreateTimerPiece(finalFireAt, cancellationToken);
    }

    public override Task<T> WaitForExternalEvent<T>(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        EnsureOrchestratorThread();
        return DeserializeAsync<T>(WaitForEvent(name, cancellationToken));
    }

    public override Task<T> WaitForExternalEvent<T>(string name, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        EnsureOrchestratorThread();
        if (timeout is null || timeout == Timeout.InfiniteTimeSpan)
        {
            return DeserializeAsync<T>(WaitForEvent(name, CancellationToken.None));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(timeout.Value, TimeSpan.Zero, nameof(timeout));
        return timeout.Value == TimeSpan.Zero
            ? DeserializeAsync<T>(WaitForEvent(name, new CancellationToken(canceled: true)))
            : WaitForExternalEventWithTimeoutAsync<T>(name, timeout.Value);
    }

    public override void SendEvent(string instanceId, string name, object? data)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        EnsureOrchestratorThread();
        int id = NextSequenceNumber();
        _pendingActions.Add(id, new OrchestratorAction
        {
            Id = id,
            SendEvent = new SendEventAction
            {
                Instance = new OrchestrationInstance { InstanceId = instanceId },
                Name = name,
                Data = Serialize(data),
            },
        });
    }

    public override void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true)
    {
        EnsureOrchestratorThread();
        ContinueAsNewRequested = true;
        ContinueAsNewInputJson = Serialize(newInput);
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        EnsureOrchestratorThread();
        CustomStatusJson = Serialize(customStatus);
    }

    public override Guid NewGuid()
    {
        EnsureOrchestratorThread();
        return DeterministicGuid.Create(InstanceId, CurrentUtcDateTime, _guidCounter++);
    }

    /// <summary>
    /// A taskScheduled / timerCreated / subOrchestrationInstanceCreated / eventSent event: the code must have
    /// issued an action of the same kind and name with the same sequence number (rule 5 of §4.2).
    /// </summary>
    internal void OnActionRecorded(HistoryEvent historyEvent)
    {
        (ScheduledKind kind, string name) = historyEvent.EventTypeCase switch
        {
            HistoryEvent.EventTypeOneofCase.TaskScheduled => (ScheduledKind.Activity, historyEvent.TaskScheduled.Name),
            HistoryEvent.EventTypeOneofCase.TimerCreated => (ScheduledKind.Timer, string.Empty),
            HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated => (ScheduledKind.SubOrchestration, historyEvent.SubOrchestrationInstanceCreated.Name),
            HistoryEvent.EventTypeOneofCase.EventSent => (ScheduledKind.Event, historyEvent.EventSent.Name),
            _ => throw new ArgumentException($"{historyEvent.EventTypeCase} does not record an action.", nameof(historyEvent)),
        };

        int id = historyEvent.EventId;
        if (!_pendingActions.TryGetValue(id, out OrchestratorAction? action))
        {
            throw NonDeterministicOrchestrationException.Missing(id, kind, name);
        }

        (ScheduledKind currentKind, string currentName) = Describe(action);
        if (currentKind != kind || !string.Equals(currentName, name, StringComparison.OrdinalIgnoreCase))
        {
            throw NonDeterministicOrchestrationException.Mismatch(id, kind, name, currentKind, currentName);
        }

        _pendingActions.Remove(id);
    }

    internal void OnActivityCompleted(int taskScheduledId, string? resultJson)
    {
        if (TryTakeOpenTask(taskScheduledId, ScheduledKind.Activity, out OpenTask? task))
        {
            ActivityOutcome outcome = ActivityResultEnvelope.Decode(resultJson);
            if (outcome.Failure is null)
            {
                task.Completion.TrySetResult(outcome.OutputJson);
            }
            else
            {
                task.Completion.TrySetException(new TaskFailedException(task.Name, task.Id, outcome.Failure));
            }
        }
    }

    internal void OnActivityFailed(int taskScheduledId, TaskFailureDetails? details) =>
        Fail(taskScheduledId, ScheduledKind.Activity, details);

    internal void OnSubOrchestrationCompleted(int taskScheduledId, string? resultJson)
    {
        if (TryTakeOpenTask(taskScheduledId, ScheduledKind.SubOrchestration, out OpenTask? task))
        {
            task.Completion.TrySetResult(resultJson);
        }
    }

    internal void OnSubOrchestrationFailed(int taskScheduledId, TaskFailureDetails? details) =>
        Fail(taskScheduledId, ScheduledKind.SubOrchestration, details);

    internal void OnTimerFired(int timerId)
    {
        if (TryTakeOpenTask(timerId, ScheduledKind.Timer, out OpenTask? task))
        {
            task.Completion.TrySetResult(null);
        }
    }

    /// <summary>Delivers an event to the oldest waiter of that name, or keeps it (rule 7 of §4.2).</summary>
    internal void OnEventRaised(HistoryEvent historyEvent)
    {
        string name = historyEvent.EventRaised.Name;
        if (_eventWaiters.TryGetValue(name, out var waiters))
        {
            TaskCompletionSource<string?> waiter = waiters.First!.Value;
            waiters.RemoveFirst();
            if (waiters.Count == 0)
            {
                _eventWaiters.Remove(name);
            }

            waiter.TrySetResult(historyEvent.EventRaised.Input);
            return;
        }

        _unconsumedEvents.Add(historyEvent);
    }

    private static (ScheduledKind Kind, string Name) Describe(OrchestratorAction action) => action.OrchestratorActionTypeCase switch
    {
        OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask => (ScheduledKind.Activity, action.ScheduleTask.Name),
        OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer => (ScheduledKind.Timer, string.Empty),
        OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration => (ScheduledKind.SubOrchestration, action.CreateSubOrchestration.Name),
        OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent => (ScheduledKind.Event, action.SendEvent.Name),
        _ => throw new InvalidOperationException($"A {action.OrchestratorActionTypeCase} action is never pending."),
    };

    private Task<string?> ScheduleActivity(string name, string? inputJson)
    {
        int id = NextSequenceNumber();

        // Custom handlers get the input as it is: Microsoft's .NET SDK wraps it in a one-element array, which the
        // extension unwraps only for dotnet-isolated workers (PROTOCOL.md §3.3 note).
        _pendingActions.Add(id, new OrchestratorAction { Id = id, ScheduleTask = new ScheduleTaskAction { Name = name, Input = inputJson } });
        return Open(id, ScheduledKind.Activity, name).Completion.Task;
    }

    private Task<string?> ScheduleSubOrchestration(string name, string instanceId, string? inputJson)
    {
        int id = NextSequenceNumber();

        // Version is sent present-but-empty, as Microsoft's SDK does (golden vector SubOrch.ep1).
        _pendingActions.Add(id, new OrchestratorAction
        {
            Id = id,
            CreateSubOrchestration = new CreateSubOrchestrationAction { InstanceId = instanceId, Name = name, Version = string.Empty, Input = inputJson },
        });
        return Open(id, ScheduledKind.SubOrchestration, name).Completion.Task;
    }

    private async Task CreateLongTimerAsync(DateTime finalFireAt, CancellationToken cancellationToken)
    {
        // Each piece starts from the time the previous one fired (the episode's clock), exactly as Microsoft's SDK
        // does, so a replay recreates the same pieces.
        while (finalFireAt - CurrentUtcDateTime > MaximumTimerInterval && !cancellationToken.IsCancellationRequested)
        {
            await CreateTimerPiece(CurrentUtcDateTime.Add(MaximumTimerInterval), cancellationToken);
        }

        await CreateTimerPiece(finalFireAt, cancellationToken);
    }

    private Task CreateTimerPiece(DateTime fireAt, CancellationToken cancellationToken)
    {
        int id = NextSequenceNumber();
        _pendingActions.Add(id, new OrchestratorAction { Id = id, CreateTimer = new CreateTimerAction { FireAt = Timestamp.FromDateTime(fireAt) } });
        OpenTask timer = Open(id, ScheduledKind.Timer, string.Empty);
        if (cancellationToken.CanBeCanceled)
        {
            // A cancelled timer is abandoned: its action stays (the sequence number is spent either way), its
            // timerFired is ignored when it comes.
            RegisterCancellation(cancellationToken, () =>
            {
                if (timer.Completion.TrySetCanceled(cancellationToken))
                {
                    _openTasks.Remove(id);
                }
            });
        }

        return timer.Completion.Task;
    }

    private async Task<T> WaitForExternalEventWithTimeoutAsync<T>(string name, TimeSpan timeout)
    {
        // The same shape as Microsoft's SDK: the timer first (it takes the sequence number), then the event.
        using var timerCancellation = new CancellationTokenSource();
        Task timer = CreateTimer(CurrentUtcDateTime.Add(timeout), timerCancellation.Token);
        using var eventCancellation = new CancellationTokenSource();
        Task<string?> received = WaitForEvent(name, eventCancellation.Token);

        Task winner = await Task.WhenAny(timer, received);
        if (winner == received)
        {
            // Synchronous on purpose: CancelAsync would run the callbacks on another thread.
            timerCancellation.Cancel();
        }
        else
        {
            eventCancellation.Cancel();
        }

        return Deserialize<T>(await received);
    }

    private Task<string?> WaitForEvent(string name, CancellationToken cancellationToken)
    {
        int index = _unconsumedEvents.FindIndex(e => string.Equals(e.EventRaised.Name, name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            string? input = _unconsumedEvents[index].EventRaised.Input;
            _unconsumedEvents.RemoveAt(index);
            return Task.FromResult<string?>(input);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<string?>(cancellationToken);
        }

        if (!_eventWaiters.TryGetValue(name, out var waiters))
        {
            waiters = new LinkedList<TaskCompletionSource<string?>>();
            _eventWaiters.Add(name, waiters);
        }

        var waiter = new TaskCompletionSource<string?>();
        LinkedListNode<TaskCompletionSource<string?>> node = waiters.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            // Unlike Microsoft's SDK, a cancelled waiter leaves the queue, so it cannot swallow a later event.
            RegisterCancellation(cancellationToken, () =>
            {
                if (waiter.TrySetCanceled(cancellationToken) && node.List is not null)
                {
                    waiters.Remove(node);
                    if (waiters.Count == 0 && _eventWaiters.TryGetValue(name, out var current) && ReferenceEquals(current, waiters))
                    {
                        _eventWaiters.Remove(name);
                    }
                }
            });
        }

        return waiter.Task;
    }

    private async Task<string?> WithRetryAsync(Func<Task<string?>> attempt, RetryPolicy policy)
    {
        DateTime firstAttemptAt = CurrentUtcDateTime;
        for (int attemptNumber = 1; ; attemptNumber++)
        {
            TaskFailedException failure;
            try
            {
                return await attempt();
            }
            catch (TaskFailedException exception)
            {
                failure = exception;
            }

            bool withinBudget = policy.RetryTimeout == Timeout.InfiniteTimeSpan || CurrentUtcDateTime < firstAttemptAt.Add(policy.RetryTimeout);
            bool retry = attemptNumber < policy.MaxNumberOfAttempts
                && withinBudget
                && !failure.FailureDetails.IsNonRetriable
                && policy.Handle(failure.FailureDetails);
            if (!retry)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            await CreateTimer(CurrentUtcDateTime.Add(policy.GetDelay(attemptNumber)), CancellationToken.None);
        }
    }

    private async Task<T> DeserializeAsync<T>(Task<string?> raw) => Deserialize<T>(await raw);

    private T Deserialize<T>(string? json) =>
        string.IsNullOrEmpty(json) ? default! : JsonSerializer.Deserialize<T>(json, _serializerOptions)!;

    private string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), _serializerOptions);

    private OpenTask Open(int id, ScheduledKind kind, string name)
    {
        var task = new OpenTask(id, kind, name);
        _openTasks.Add(id, task);
        return task;
    }

    private bool TryTakeOpenTask(int id, ScheduledKind kind, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OpenTask? task)
    {
        // Completions for unknown, finished or abandoned ids are ignored (rule 6 of §4.2).
        if (_openTasks.TryGetValue(id, out task) && task.Kind == kind)
        {
            _openTasks.Remove(id);
            return true;
        }

        task = null;
        return false;
    }

    private void Fail(int taskScheduledId, ScheduledKind kind, TaskFailureDetails? details)
    {
        if (TryTakeOpenTask(taskScheduledId, kind, out OpenTask? task))
        {
            task.Completion.TrySetException(new TaskFailedException(task.Name, task.Id, FailureDetailsConverter.FromProto(details)));
        }
    }

    private void RegisterCancellation(CancellationToken cancellationToken, Action onCancelled) =>
        cancellationToken.Register(() =>
        {
            // A token cancelled from another thread (CancelAfter, a thread-pool callback) is not durable.
            if (!_synchronizationContext.IsOnOrchestratorThread)
            {
                _synchronizationContext.ReportForeignAccess();
                return;
            }

            onCancelled();
        });

    private void EnsureOrchestratorThread()
    {
        if (!_synchronizationContext.IsOnOrchestratorThread)
        {
            _synchronizationContext.ReportForeignAccess();
            throw new NonDurableAwaitException(
                "The orchestration context was used outside the orchestrator's thread or after its episode ended "
                + "(for example from Task.Run or after awaiting a non-durable task).");
        }
    }
}
