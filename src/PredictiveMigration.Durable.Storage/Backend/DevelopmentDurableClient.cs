using Azure;
using Google.Protobuf.WellKnownTypes;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Storage.Client;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// <see cref="IDurableClient"/> over the development backend's table and queues. It needs no running backend: it
/// writes instance rows and queue messages, which whatever backend processes share the task hub picks up. Waiting
/// polls the instance row every <see cref="DurableBackendOptions.PollInterval"/> (real time).
/// </summary>
public sealed class DevelopmentDurableClient : IDurableClient
{
    private readonly TaskHubStorage _storage;
    private readonly TimeProvider _time;

    /// <summary>Creates a client of the task hub in <paramref name="options"/>.</summary>
    /// <param name="options">Storage and task hub (the app base URL is not needed).</param>
    /// <param name="time">The orchestration clock, for the timestamps written; default <see cref="TimeProvider.System"/>.</param>
    public DevelopmentDurableClient(DurableBackendOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(requireAppBaseUrl: false);
        _storage = new TaskHubStorage(options);
        _time = time ?? TimeProvider.System;
    }

    internal DevelopmentDurableClient(TaskHubStorage storage, TimeProvider time)
    {
        _storage = storage;
        _time = time;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Creates the instance row (Pending), then sends the start message. If the row exists and is still Pending
    /// with no history (an earlier start that crashed between the two), the start message is sent again (its id is
    /// deterministic, so a copy is harmless) instead of failing.
    /// </remarks>
    public async Task<string> StartNewAsync(string name, string? inputJson, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        InstanceIds.Validate(instanceId, nameof(instanceId));
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _time.GetUtcNow();
        var state = new InstanceRecord
        {
            InstanceId = instanceId,
            Name = name,
            Status = OrchestrationRuntimeStatus.Pending,
            ExecutionId = Guid.NewGuid().ToString("N"),
            Input = inputJson,
            CreatedAt = now,
            LastUpdatedAt = now,
        };
        if (!await _storage.TryAddStateAsync(state, cancellationToken).ConfigureAwait(false))
        {
            InstanceRecord? existing = await _storage.ReadStateAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (existing is not { Status: OrchestrationRuntimeStatus.Pending, Generation: 0, EpisodeCount: 0, ParentInstanceId: null })
            {
                throw new InvalidOperationException($"An orchestration instance '{instanceId}' already exists.");
            }

            state = existing;
        }

        var started = new HistoryEvent
        {
            EventId = -1,
            Timestamp = Timestamp.FromDateTimeOffset(now),
            ExecutionStarted = new ExecutionStartedEvent
            {
                Name = state.Name,
                Input = state.Input,
                OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = state.ExecutionId },
            },
        };
        WorkMessage start = WorkMessage.With($"{instanceId}:{state.ExecutionId}:start", WorkMessageKind.Start, instanceId, state.ExecutionId, started);
        await _storage.SendAsync(OutboxTarget.Control, start, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <inheritdoc/>
    public async Task<OrchestrationMetadata?> GetStatusAsync(string instanceId, bool includeInputsAndOutputs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        InstanceRecord? state = await ReadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return state?.ToMetadata(includeInputsAndOutputs);
    }

    /// <inheritdoc/>
    public async Task RaiseEventAsync(string instanceId, string eventName, string? eventDataJson, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        _ = await ReadAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists.");
        var raised = new HistoryEvent
        {
            EventId = -1,
            Timestamp = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
            EventRaised = new EventRaisedEvent { Name = eventName, Input = eventDataJson },
        };
        WorkMessage message = WorkMessage.With($"{instanceId}:event:{Guid.NewGuid():N}", WorkMessageKind.Event, instanceId, null, raised);
        await _storage.SendAsync(OutboxTarget.Control, message, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Terminating a finished instance does nothing, as in Durable Functions.</remarks>
    public async Task TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        InstanceRecord state = await ReadAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists.");
        if (state.IsTerminal)
        {
            return;
        }

        var message = new WorkMessage($"{instanceId}:terminate:{Guid.NewGuid():N}", WorkMessageKind.Terminate, instanceId, Reason: reason);
        await _storage.SendAsync(OutboxTarget.Control, message, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        InstanceRecord? state = await ReadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return false;
        }

        if (!state.IsTerminal)
        {
            throw new InvalidOperationException($"Orchestration '{instanceId}' is {state.Status}; only finished instances are purged (terminate it first).");
        }

        return await _storage.DeletePartitionAsync(instanceId, cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc/>
    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);

        // Real time: the caller's patience, not the orchestration clock.
        long started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (await GetStatusAsync(instanceId, includeInputsAndOutputs: true, cancellationToken).ConfigureAwait(false) is { IsCompleted: true } status)
            {
                return status;
            }

            if (TimeProvider.System.GetElapsedTime(started) >= timeout)
            {
                throw new TimeoutException($"Orchestration '{instanceId}' did not finish within {timeout}.");
            }

            await Task.Delay(_storage.Options.PollInterval, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The committed history of an instance, episode by episode, every execution (for diagnostics, tests and benchmarks).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The episodes in order; empty when the instance does not exist.</returns>
    public async Task<IReadOnlyList<HistoryEpisode>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        await _storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        InstanceHistory? history = await _storage.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return history is null
            ? []
            : [.. history.Episodes.Select(e => new HistoryEpisode(e.Generation, e.Episode, e.RecordedAt, e.Events))];
    }

    private async Task<InstanceRecord?> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return await _storage.ReadStateAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // The table does not exist yet: nothing was ever started on this task hub.
            return null;
        }
    }
}
