using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using PredictiveMigration.Durable.Protobuf;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// Runs orchestration episodes from the control queue, one instance per unit of work: read the instance's partition,
/// sort the messages (duplicates, stale, not-yet-due timers, poison), call the orchestrator route with the history and
/// the new events, and record the answer in one ETag-guarded transaction; then send the outbox and delete the
/// messages. A crash anywhere leaves either nothing recorded (the messages come back and the episode runs again) or
/// the episode recorded with its consumed message ids (the messages come back, are recognised as duplicates, and the
/// outbox is sent again).
/// </summary>
internal sealed class OrchestrationDispatcher : QueueDispatcher
{
    /// <summary>How often an episode is retried at once after losing the ETag race to another dispatcher.</summary>
    private const int MaxCommitAttempts = 5;

    private readonly FunctionInvoker _invoker;
    private readonly OutboxSender _outbox;
    private readonly TimeProvider _time;
    private readonly KeyedLock _instanceLocks = new();

    public OrchestrationDispatcher(TaskHubStorage storage, FunctionInvoker invoker, OutboxSender outbox, TimeProvider time, WakeUpSignal wake, ILogger logger)
        : base(storage, OutboxTarget.Control, storage.Options.MaxConcurrentOrchestrations, wake, logger)
    {
        _invoker = invoker;
        _outbox = outbox;
        _time = time;
    }

    protected override IReadOnlyList<IReadOnlyList<MessageLease>> Split(IReadOnlyList<MessageLease> leases) =>
        [.. leases.GroupBy(l => l.Message!.InstanceId, StringComparer.Ordinal).Select(g => (IReadOnlyList<MessageLease>)[.. g])];

    protected override async Task ProcessAsync(IReadOnlyList<MessageLease> unit, CancellationToken cancellationToken)
    {
        string instanceId = unit[0].Message!.InstanceId;
        await using var keeper = new LeaseKeeper(unit, Options.VisibilityTimeout);
        using IDisposable instanceLock = await _instanceLocks.AcquireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await ProcessInstanceAsync(instanceId, unit, cancellationToken).ConfigureAwait(false);
    }

    private async Task ProcessInstanceAsync(string instanceId, IReadOnlyList<MessageLease> leases, CancellationToken cancellationToken)
    {
        IReadOnlyList<MessageLease> pending = leases;
        for (int attempt = 1; ; attempt++)
        {
            InstanceHistory? history = await Storage.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (history is null)
            {
                foreach (MessageLease lease in pending)
                {
                    Logs.InstanceNotFound(Logger, lease.Message!.Id, instanceId);
                }

                await DeleteAllAsync(pending, cancellationToken).ConfigureAwait(false);
                return;
            }

            MessageTriage triage = Triage(history, pending);
            foreach (EpisodeRecord consumer in triage.Resend)
            {
                await _outbox.SendAsync([.. consumer.Outbox.Where(item => !IsSettled(history, item))], cancellationToken).ConfigureAwait(false);
            }

            foreach ((MessageLease lease, WorkMessage message, DateTimeOffset dueAt) in triage.NotDue)
            {
                // Same message id: whichever copy is consumed first counts, the other is a duplicate.
                await Storage.SendAsync(OutboxTarget.Control, message, _outbox.DelayUntil(dueAt), cancellationToken).ConfigureAwait(false);
                triage.Finished.Add(lease);
            }

            await DeleteAllAsync(triage.Finished, cancellationToken).ConfigureAwait(false);
            await ReleaseAllAsync(triage.Deferred, Options.PollInterval, cancellationToken).ConfigureAwait(false);
            if (triage.Apply.Count == 0)
            {
                return;
            }

            MessageLease[] applied = [.. triage.Apply.Select(a => a.Lease)];
            (PreparedEpisode? episode, string? platformError) = triage.PoisonReason is not null || triage.Apply.Any(a => a.Message.Kind is WorkMessageKind.Terminate or WorkMessageKind.Fail)
                ? (BuildDirectEpisode(history, triage), null)
                : await RunEpisodeAsync(history, triage, cancellationToken).ConfigureAwait(false);
            if (episode is null)
            {
                Logs.PlatformError(Logger, instanceId, history.State.Name, platformError!);
                await Storage.TryRecordErrorAsync(history.State, platformError!, cancellationToken).ConfigureAwait(false);
                await ReleaseAllAsync(applied, Options.RetryDelay, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (await Storage.TryCommitAsync(episode.State, history.State.ETag, episode.Record, cancellationToken).ConfigureAwait(false))
            {
                Logs.EpisodeRecorded(Logger, instanceId, episode.Record.Episode, episode.ActionCount);
                if (episode.State.IsTerminal)
                {
                    Logs.InstanceFinished(Logger, instanceId, episode.State.Name, episode.State.Status.ToString());
                }

                await _outbox.SendAsync(episode.Record.Outbox, cancellationToken).ConfigureAwait(false);
                await DeleteAllAsync(applied, cancellationToken).ConfigureAwait(false);
                return;
            }

            Logs.EpisodeConflict(Logger, instanceId, attempt);
            if (attempt >= MaxCommitAttempts)
            {
                await ReleaseAllAsync(applied, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                return;
            }

            pending = applied;
        }
    }

    /// <summary>
    /// Whether an outbox item being sent again is already settled by the history, so re-sending it would only re-run
    /// work: an activity or timer of an older execution, or one whose completion is recorded.
    /// </summary>
    private static bool IsSettled(InstanceHistory history, OutboxItem item)
    {
        WorkMessage message = item.Message;
        if (message.InstanceId != history.State.InstanceId || !(item.Target == OutboxTarget.WorkItems || item.VisibleAt is not null))
        {
            return false;
        }

        if (message.ExecutionId != history.State.ExecutionId || history.State.IsTerminal)
        {
            return true;
        }

        HistoryEvent? historyEvent = message.DecodeEvents().FirstOrDefault();
        int? id = historyEvent?.EventTypeCase switch
        {
            HistoryEvent.EventTypeOneofCase.TaskScheduled => historyEvent.EventId,
            HistoryEvent.EventTypeOneofCase.TimerFired => historyEvent.TimerFired.TimerId,
            _ => null,
        };
        return id is { } taskId && history.CompletedTaskIds.Contains(taskId);
    }

    private MessageTriage Triage(InstanceHistory history, IReadOnlyList<MessageLease> leases)
    {
        InstanceRecord state = history.State;
        DateTimeOffset now = _time.GetUtcNow();
        var triage = new MessageTriage();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (MessageLease lease in leases)
        {
            WorkMessage message = lease.Message!;
            if (history.ConsumedBy(message.Id) is { } episode)
            {
                // Consumed already: the episode that did may have crashed before sending its outbox.
                triage.Resend.Add(episode);
                triage.Finished.Add(lease);
                continue;
            }

            bool stale = message.Kind == WorkMessageKind.Start
                ? message.ExecutionId != state.ExecutionId || history.IsStarted
                : message.ExecutionId is not null && message.ExecutionId != state.ExecutionId;
            if (!seen.Add(message.Id) || stale || state.IsTerminal)
            {
                triage.Finished.Add(lease);
                continue;
            }

            if (lease.DequeueCount > Options.MaxDequeueCount)
            {
                Logs.PoisonMessage(Logger, state.InstanceId, message.Id, message.Kind.ToString(), lease.DequeueCount);
                triage.PoisonReason ??= string.Create(CultureInfo.InvariantCulture,
                    $"The orchestrator '{state.Name}' could not be run: message {message.Id} ({message.Kind}) was received {lease.DequeueCount} times (DurableBackend:MaxDequeueCount is {Options.MaxDequeueCount}). Last error: {state.LastError ?? "none recorded"}");
                triage.Apply.Add((lease, message));
                continue;
            }

            if (message.Kind == WorkMessageKind.Event)
            {
                IReadOnlyList<HistoryEvent> events = message.DecodeEvents();
                if (events.FirstOrDefault(e => e.EventTypeCase == HistoryEvent.EventTypeOneofCase.TimerFired) is { } timer
                    && timer.TimerFired.FireAt?.ToDateTimeOffset() is { } fireAt
                    && fireAt > now)
                {
                    triage.NotDue.Add((lease, message, fireAt));
                    continue;
                }

                if (events.Count > 0 && events.All(e => InstanceHistory.CompletionId(e) is { } id && history.CompletedTaskIds.Contains(id)))
                {
                    // A second completion of a task already completed (the activity ran twice): history keeps the first.
                    triage.Finished.Add(lease);
                    continue;
                }
            }

            triage.Apply.Add((lease, message));
        }

        // Events that arrive before the execution starts wait for the start message.
        if (!history.IsStarted && !triage.Apply.Any(a => a.Message.Kind == WorkMessageKind.Start))
        {
            foreach ((MessageLease Lease, WorkMessage Message) early in triage.Apply.Where(a => a.Message.Kind == WorkMessageKind.Event).ToList())
            {
                triage.Apply.Remove(early);
                triage.Deferred.Add(early.Lease);
            }
        }

        return triage;
    }

    private async Task<(PreparedEpisode? Episode, string? PlatformError)> RunEpisodeAsync(InstanceHistory history, MessageTriage triage, CancellationToken cancellationToken)
    {
        InstanceRecord state = history.State;
        DateTimeOffset started = _time.GetUtcNow();
        List<HistoryEvent> newEvents = NewEvents(triage, started);
        var request = new OrchestratorRequest { InstanceId = state.InstanceId, PastEvents = { history.CurrentEvents }, NewEvents = { newEvents } };
        byte[] body = HostEnvelopes.OrchestratorRequestBody(state.Name, request, started, Guid.NewGuid());
        FunctionCallResult result = await _invoker.PostAsync(state.Name, body, cancellationToken).ConfigureAwait(false);
        if (result.IsPlatformError)
        {
            return (null, result.PlatformError);
        }

        var builder = new EpisodeBuilder(history, newEvents, triage.Apply.Select(a => a.Message.Id), _time.GetUtcNow());
        if (!result.IsSuccess)
        {
            Logs.FunctionFailed(Logger, state.Name, state.InstanceId, result.StatusText);
            builder.FailFunction(HostEnvelopes.FunctionFailure(state.Name, result.StatusText));
            return (builder.Build(), null);
        }

        OrchestratorResponse response;
        try
        {
            response = HostEnvelopes.DecodeOrchestratorResponse(result.Body);
        }
        catch (FormatException exception)
        {
            Logs.FunctionFailed(Logger, state.Name, state.InstanceId, exception.Message);
            builder.FailFunction(HostEnvelopes.FunctionFailure(state.Name, exception.Message));
            return (builder.Build(), null);
        }

        builder.Apply(response);
        return (builder.Build(), null);
    }

    private PreparedEpisode BuildDirectEpisode(InstanceHistory history, MessageTriage triage)
    {
        DateTimeOffset now = _time.GetUtcNow();
        var builder = new EpisodeBuilder(history, NewEvents(triage, now, startOnly: true), triage.Apply.Select(a => a.Message.Id), now);
        WorkMessage? terminate = triage.Apply.Select(a => a.Message).FirstOrDefault(m => m.Kind == WorkMessageKind.Terminate);
        if (terminate is not null)
        {
            builder.Terminate(terminate.Reason);
        }
        else
        {
            builder.FailPoisoned(triage.PoisonReason
                ?? triage.Apply.Select(a => a.Message).First(m => m.Kind == WorkMessageKind.Fail).Reason
                ?? "The instance was failed by the backend.");
        }

        return builder.Build();
    }

    private static List<HistoryEvent> NewEvents(MessageTriage triage, DateTimeOffset now, bool startOnly = false)
    {
        var timestamp = Timestamp.FromDateTimeOffset(now);
        var events = new List<HistoryEvent> { new() { EventId = -1, Timestamp = timestamp, OrchestratorStarted = new OrchestratorStartedEvent() } };
        foreach (WorkMessage message in triage.Apply.Select(a => a.Message).OrderBy(m => m.Kind == WorkMessageKind.Start ? 0 : 1))
        {
            if (message.Kind == WorkMessageKind.Start || (!startOnly && message.Kind == WorkMessageKind.Event))
            {
                foreach (HistoryEvent historyEvent in message.DecodeEvents())
                {
                    if (historyEvent.EventTypeCase == HistoryEvent.EventTypeOneofCase.TimerFired || historyEvent.Timestamp is null)
                    {
                        historyEvent.Timestamp = timestamp;
                    }

                    events.Add(historyEvent);
                }
            }
        }

        return events;
    }
}
