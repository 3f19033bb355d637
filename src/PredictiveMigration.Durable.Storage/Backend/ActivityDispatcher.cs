using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using PredictiveMigration.Durable.Protobuf;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// Runs activities from the work-item queue, one message per unit of work: POST the activity envelope, turn the
/// answer into taskCompleted (2xx: the ReturnValue re-serialized) or taskFailed (non-2xx: the host's generic
/// failure), send it to the orchestration, then delete the work item. Activities therefore run at least once: a
/// crash after the call and before the delete runs the activity again, and the orchestration keeps the first
/// completion. A platform error (app unreachable, timeout) retries the message; past the dequeue limit the
/// instance is failed.
/// </summary>
internal sealed class ActivityDispatcher : QueueDispatcher
{
    private readonly FunctionInvoker _invoker;
    private readonly TimeProvider _time;
    private readonly WakeUpSignal _controlWake;
    private readonly ConcurrentDictionary<string, string> _lastErrors = new(StringComparer.Ordinal);

    public ActivityDispatcher(TaskHubStorage storage, FunctionInvoker invoker, TimeProvider time, WakeUpSignal wake, WakeUpSignal controlWake, ILogger logger)
        : base(storage, OutboxTarget.WorkItems, storage.Options.MaxConcurrentActivities, wake, logger)
    {
        _invoker = invoker;
        _time = time;
        _controlWake = controlWake;
    }

    protected override IReadOnlyList<IReadOnlyList<MessageLease>> Split(IReadOnlyList<MessageLease> leases) =>
        [.. leases.Select(l => (IReadOnlyList<MessageLease>)[l])];

    protected override async Task ProcessAsync(IReadOnlyList<MessageLease> unit, CancellationToken cancellationToken)
    {
        MessageLease lease = unit[0];
        WorkMessage message = lease.Message!;
        HistoryEvent? scheduled = message.Kind == WorkMessageKind.Activity ? message.DecodeEvents().FirstOrDefault() : null;
        if (scheduled?.TaskScheduled is not { } task)
        {
            Logs.UnreadableMessage(Logger, lease.MessageId, "not an activity work item");
            await lease.DeleteAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        int taskId = scheduled.EventId;
        if (lease.DequeueCount > Options.MaxDequeueCount)
        {
            Logs.PoisonMessage(Logger, message.InstanceId, message.Id, message.Kind.ToString(), lease.DequeueCount);
            string reason = string.Create(CultureInfo.InvariantCulture,
                $"The activity '{task.Name}' (task {taskId}) could not be run: its work item was received {lease.DequeueCount} times (DurableBackend:MaxDequeueCount is {Options.MaxDequeueCount}). Last error: {_lastErrors.GetValueOrDefault(message.Id) ?? "none recorded here"}");
            var fail = new WorkMessage(Id(message, "poison", taskId), WorkMessageKind.Fail, message.InstanceId, message.ExecutionId, Reason: reason);
            await Storage.SendAsync(OutboxTarget.Control, fail, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            _controlWake.Pulse();
            await lease.DeleteAsync(cancellationToken).ConfigureAwait(false);
            _lastErrors.TryRemove(message.Id, out _);
            return;
        }

        FunctionCallResult result;
        await using (new LeaseKeeper(unit, Options.VisibilityTimeout))
        {
            byte[] body = HostEnvelopes.ActivityRequestBody(task.Name, message.InstanceId, task.Input, _time.GetUtcNow(), Guid.NewGuid());
            result = await _invoker.PostAsync(task.Name, body, cancellationToken).ConfigureAwait(false);
        }

        if (result.IsPlatformError)
        {
            Logs.PlatformError(Logger, message.InstanceId, task.Name, result.PlatformError!);
            _lastErrors[message.Id] = result.PlatformError!;
            await lease.ReleaseAsync(Options.RetryDelay, cancellationToken).ConfigureAwait(false);
            return;
        }

        var completion = new HistoryEvent { EventId = -1, Timestamp = Timestamp.FromDateTimeOffset(_time.GetUtcNow()) };
        string? failure = result.IsSuccess ? null : result.StatusText;
        if (failure is null)
        {
            try
            {
                completion.TaskCompleted = new TaskCompletedEvent { TaskScheduledId = taskId, Result = HostEnvelopes.DecodeActivityResult(result.Body) };
            }
            catch (FormatException exception)
            {
                failure = exception.Message;
            }
        }

        if (failure is not null)
        {
            Logs.FunctionFailed(Logger, task.Name, message.InstanceId, failure);
            completion.TaskFailed = new TaskFailedEvent { TaskScheduledId = taskId, FailureDetails = HostEnvelopes.FunctionFailure(task.Name, failure) };
        }

        WorkMessage done = WorkMessage.With(Id(message, "done", taskId), WorkMessageKind.Event, message.InstanceId, message.ExecutionId, completion);
        await Storage.SendAsync(OutboxTarget.Control, done, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        _controlWake.Pulse();
        await lease.DeleteAsync(cancellationToken).ConfigureAwait(false);
        _lastErrors.TryRemove(message.Id, out _);
    }

    private static string Id(WorkMessage message, string what, int taskId) =>
        string.Create(CultureInfo.InvariantCulture, $"{message.InstanceId}:{message.ExecutionId}:{what}:{taskId}");
}
