using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// The development backend's storage: one history table (<c>{hub}History</c>: per instance one partition holding the
/// instance row and one row per episode) and two queues (<c>{hub}-control</c> for orchestrator work, <c>{hub}-workitems</c>
/// for activities). Thread-safe; shared by the dispatchers and the client.
/// </summary>
internal sealed class TaskHubStorage
{
    /// <summary>Queue messages never expire (the default would drop them after 7 days).</summary>
    private static readonly TimeSpan NeverExpire = TimeSpan.FromSeconds(-1);

    private readonly object _gate = new();
    private Task? _created;

    public TaskHubStorage(DurableBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        TableServiceClient tables;
        QueueServiceClient queues;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            tables = new TableServiceClient(options.ConnectionString);
            queues = new QueueServiceClient(options.ConnectionString);
        }
        else
        {
            tables = new TableServiceClient(options.TableServiceUri!, options.Credential!);
            queues = new QueueServiceClient(options.QueueServiceUri!, options.Credential!);
        }

        History = tables.GetTableClient(options.HistoryTableName);
        Control = queues.GetQueueClient(options.ControlQueueName);
        WorkItems = queues.GetQueueClient(options.WorkItemQueueName);
    }

    public DurableBackendOptions Options { get; }

    public TableClient History { get; }

    public QueueClient Control { get; }

    public QueueClient WorkItems { get; }

    public QueueClient QueueFor(OutboxTarget target) => target == OutboxTarget.Control ? Control : WorkItems;

    /// <summary>Creates the table and the queues if they do not exist (once per process, retried after a failure).</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = CreateAsync(cancellationToken);
            }

            return _created;
        }
    }

    public async Task<InstanceRecord?> ReadStateAsync(string instanceId, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> response = await History
            .GetEntityIfExistsAsync<TableEntity>(instanceId, InstanceRecord.RowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue ? InstanceRecord.FromEntity(response.Value!) : null;
    }

    /// <summary>Reads an instance's partition in one query; null when the instance row does not exist.</summary>
    public async Task<InstanceHistory?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        InstanceRecord? state = null;
        var episodes = new List<EpisodeRecord>();
        await foreach (TableEntity entity in History.QueryAsync<TableEntity>(PartitionFilter(instanceId), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey.Length == 0)
            {
                state = InstanceRecord.FromEntity(entity);
            }
            else if (entity.RowKey.StartsWith(EpisodeRecord.RowKeyPrefix, StringComparison.Ordinal))
            {
                episodes.Add(EpisodeRecord.FromEntity(entity));
            }
        }

        // The service returns a partition in row key order; sorting keeps that promise explicit.
        episodes.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
        return state is null ? null : new InstanceHistory(state, episodes);
    }

    /// <summary>Adds a new instance row; false when the instance already exists.</summary>
    public async Task<bool> TryAddStateAsync(InstanceRecord state, CancellationToken cancellationToken)
    {
        try
        {
            await History.AddEntityAsync(state.ToEntity(), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Records one episode: replaces the instance row if its ETag is still <paramref name="readETag"/> and adds the
    /// episode's history row, in one entity-group transaction. False when another dispatcher got there first.
    /// </summary>
    public async Task<bool> TryCommitAsync(InstanceRecord newState, ETag readETag, EpisodeRecord episode, CancellationToken cancellationToken)
    {
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpdateReplace, newState.ToEntity(), readETag),
            new(TableTransactionActionType.Add, episode.ToEntity(newState.InstanceId)),
        ];
        try
        {
            await History.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Notes a platform error on the instance row (best effort, ETag-guarded so it never hides a commit).</summary>
    public async Task TryRecordErrorAsync(InstanceRecord state, string error, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(state.InstanceId, InstanceRecord.RowKey) { ["LastError"] = error.Length > 8000 ? error[..8000] : error };
        try
        {
            await History.UpdateEntityAsync(entity, state.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            // Someone else changed the instance meanwhile: their state wins, the note is dropped.
        }
    }

    /// <summary>Deletes an instance's partition; returns the rows deleted.</summary>
    public async Task<int> DeletePartitionAsync(string instanceId, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (TableEntity entity in History.QueryAsync<TableEntity>(PartitionFilter(instanceId), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(entity.RowKey);
        }

        // History rows first, the instance row (key "") last: a purge cut short leaves a purgeable instance.
        keys.Sort(StringComparer.Ordinal);
        keys.Reverse();
        foreach (string[] chunk in keys.Chunk(100))
        {
            TableTransactionAction[] deletes = [.. chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, k), ETag.All))];
            await History.SubmitTransactionAsync(deletes, cancellationToken).ConfigureAwait(false);
        }

        return keys.Count;
    }

    /// <summary>Sends a message that becomes visible after <paramref name="delay"/>.</summary>
    public Task SendAsync(OutboxTarget target, WorkMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        QueueFor(target).SendMessageAsync(message.ToText(), delay <= TimeSpan.Zero ? null : delay, NeverExpire, cancellationToken);

    /// <summary>Receives up to <paramref name="max"/> messages, invisible to others for the visibility timeout.</summary>
    public async Task<QueueMessage[]> ReceiveAsync(OutboxTarget target, int max, CancellationToken cancellationToken)
    {
        Response<QueueMessage[]> response = await QueueFor(target)
            .ReceiveMessagesAsync(Math.Clamp(max, 1, 32), Options.VisibilityTimeout, cancellationToken)
            .ConfigureAwait(false);
        return response.Value;
    }

    private static string PartitionFilter(string instanceId) => TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}");

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await History.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await Control.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await WorkItems.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
