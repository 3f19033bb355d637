namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// Sends an episode's outbox after its commit (and again whenever a duplicate of one of its consumed messages shows
/// that the first attempt may not have finished). Every message id is deterministic, so copies are harmless.
/// </summary>
internal sealed class OutboxSender(TaskHubStorage storage, TimeProvider time, WakeUpSignal controlWake, WakeUpSignal activityWake)
{
    public async Task SendAsync(IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken)
    {
        if (outbox.Count == 0)
        {
            return;
        }

        await Task.WhenAll(outbox.Select(item => SendOneAsync(item, cancellationToken))).ConfigureAwait(false);
        if (outbox.Any(i => i.Target == OutboxTarget.Control))
        {
            controlWake.Pulse();
        }

        if (outbox.Any(i => i.Target == OutboxTarget.WorkItems))
        {
            activityWake.Pulse();
        }
    }

    /// <summary>
    /// The queue delay for something due at <paramref name="dueAt"/> by the orchestration clock: the rest of the wait,
    /// capped at <see cref="DurableBackendOptions.MaxTimerVisibility"/> (the message is re-enqueued until due).
    /// </summary>
    public TimeSpan DelayUntil(DateTimeOffset? dueAt)
    {
        if (dueAt is not { } due)
        {
            return TimeSpan.Zero;
        }

        TimeSpan rest = due - time.GetUtcNow();
        return rest <= TimeSpan.Zero ? TimeSpan.Zero : rest < storage.Options.MaxTimerVisibility ? rest : storage.Options.MaxTimerVisibility;
    }

    private async Task SendOneAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        if (item.CreateInstance is { } seed)
        {
            DateTimeOffset now = time.GetUtcNow();
            await storage.TryAddStateAsync(
                new InstanceRecord
                {
                    InstanceId = seed.InstanceId,
                    Name = seed.Name,
                    Status = Client.OrchestrationRuntimeStatus.Pending,
                    ExecutionId = seed.ExecutionId,
                    Input = seed.Input,
                    CreatedAt = now,
                    LastUpdatedAt = now,
                    ParentInstanceId = seed.ParentInstanceId,
                    ParentExecutionId = seed.ParentExecutionId,
                    ParentTaskId = seed.ParentTaskId,
                },
                cancellationToken).ConfigureAwait(false);
        }

        await storage.SendAsync(item.Target, item.Message, DelayUntil(item.VisibleAt), cancellationToken).ConfigureAwait(false);
    }
}
