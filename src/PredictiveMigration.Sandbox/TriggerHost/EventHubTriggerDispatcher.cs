using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// Plays the Event Hubs trigger for one function (<c>cardinality: many</c>): one reader per partition delivers up to
/// <see cref="MaxBatchSize"/> events at a time in the host's envelope (PROTOCOL.md §0, §2.2), one batch at a time per
/// partition. The checkpoint advances after a 2xx; a failed invocation is retried in-process following the
/// function.json retry policy, blocking the partition (so delivery is at-least-once and ordered per partition). When
/// the policy runs out (or there is none), the checkpoint moves past the batch, as the real host does.
/// <para>
/// Envelope: <c>Data.{name}</c> is a JSON string holding the JSON array of event bodies (strings with
/// <c>dataType: string</c>, base64 with <c>binary</c>); <c>Metadata</c> holds <c>PartitionContext</c> (an object),
/// <c>PartitionKeyArray</c>, <c>OffsetArray</c>, <c>SequenceNumberArray</c>, <c>EnqueuedTimeUtcArray</c>,
/// <c>PropertiesArray</c>, <c>SystemPropertiesArray</c> (each a string holding a JSON array), <c>sys</c> and, with a
/// retry policy, <c>RetryContext</c>.
/// </para>
/// </summary>
internal sealed class EventHubTriggerDispatcher
{
    private readonly FunctionMetadata _function;
    private readonly EmulatedEventHub _hub;
    private readonly AppInvoker _invoker;
    private readonly TimeProvider _clock;
    private readonly TriggerHostCounters _counters;
    private readonly ILogger _logger;
    private readonly bool _binary;
    private readonly ConcurrentDictionary<string, long> _checkpoints = new(StringComparer.Ordinal);

    public EventHubTriggerDispatcher(FunctionMetadata function, HostSettings settings, EmulatedEventHub hub, int maxBatchSize, AppInvoker invoker, TimeProvider clock, TriggerHostCounters counters, ILogger logger)
    {
        _function = function;
        var where = $"{function.Name}/function.json";
        HubName = settings.Resolve(function.TriggerProperty("eventHubName") ?? throw new FormatException($"{where}: the eventHubTrigger has no eventHubName"), where + " eventHubName");
        ConsumerGroup = settings.Resolve(function.TriggerProperty("consumerGroup") ?? "$Default", where + " consumerGroup");
        var cardinality = function.TriggerProperty("cardinality");
        if (!string.Equals(cardinality, "many", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"{where}: the local trigger host supports eventHubTrigger with cardinality 'many' only (was '{cardinality}')");
        }

        _binary = string.Equals(function.TriggerProperty("dataType"), "binary", StringComparison.OrdinalIgnoreCase);
        MaxBatchSize = maxBatchSize;
        _hub = hub;
        _invoker = invoker;
        _clock = clock;
        _counters = counters;
        _logger = logger;
    }

    public string HubName { get; }

    public string ConsumerGroup { get; }

    public int MaxBatchSize { get; }

    /// <summary>The last checkpointed sequence number of a partition (-1: nothing yet).</summary>
    public long Checkpoint(string partitionId) => _checkpoints.TryGetValue(partitionId, out var s) ? s : -1;

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_hub.GetPartitions(HubName).Select(p => Task.Run(() => RunPartitionAsync(p, cancellationToken), cancellationToken)));

    private async Task RunPartitionAsync(EventHubPartition partition, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var checkpoint = Checkpoint(partition.Id);
            try
            {
                await partition.WaitForEventsAfterAsync(checkpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var batch = partition.Read(checkpoint + 1, MaxBatchSize);
            InvocationOutcome outcome;
            try
            {
                (outcome, _) = await RetryingInvoker.InvokeAsync(_invoker, _function, (retry, error) => Envelope(batch, retry, error), _clock, _counters,
                    (retry, error) => Logs.BatchFailed(_logger, _function.Name, partition.Id, batch[0].SequenceNumber, batch.Count, retry, error), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (outcome.Succeeded)
            {
                _counters.BatchDelivered(batch.Count);
            }
            else
            {
                _counters.BatchAbandoned();
                Logs.BatchAbandoned(_logger, _function.Name, partition.Id, batch[0].SequenceNumber, batch.Count);
            }

            _checkpoints[partition.Id] = batch[^1].SequenceNumber;
        }
    }

    internal string Envelope(IReadOnlyList<EventHubEvent> batch, int retry, string? error)
    {
        var bodies = batch.Select(e => _binary ? Convert.ToBase64String(e.Body.Span) : Encoding.UTF8.GetString(e.Body.Span)).ToArray();
        var dates = batch.Select(e => HostJson.Date(e.EnqueuedTime)).ToArray();
        var system = new JsonArray([.. batch.Select(e => (JsonNode)new JsonObject
        {
            ["x-opt-sequence-number"] = e.SequenceNumber,
            ["x-opt-offset"] = e.Offset.ToString(CultureInfo.InvariantCulture),
            ["x-opt-enqueued-time"] = HostJson.Date(e.EnqueuedTime),
            ["x-opt-partition-key"] = e.PartitionKey,
            ["SequenceNumber"] = e.SequenceNumber,
            ["Offset"] = e.Offset.ToString(CultureInfo.InvariantCulture),
            ["PartitionKey"] = e.PartitionKey,
            ["EnqueuedTimeUtc"] = HostJson.Date(e.EnqueuedTime),
        })]);
        var properties = new JsonArray([.. batch.Select(e => (JsonNode)(e.Properties?.DeepClone() ?? new JsonObject()))]);
        return new InvocationEnvelope(_function.Name, _clock.GetUtcNow(), Guid.NewGuid())
            .Data(_function.TriggerName, HostJson.Encode(bodies))
            .Metadata("PartitionContext", new JsonObject
            {
                ["FullyQualifiedNamespace"] = _hub.Options.FullyQualifiedNamespace,
                ["EventHubName"] = HubName,
                ["ConsumerGroup"] = ConsumerGroup,
                ["PartitionId"] = batch[0].PartitionId,
            })
            .Metadata("PartitionKeyArray", HostJson.Encode(batch.Select(e => e.PartitionKey).ToArray()))
            .Metadata("OffsetArray", HostJson.Encode(batch.Select(e => e.Offset.ToString(CultureInfo.InvariantCulture)).ToArray()))
            .Metadata("SequenceNumberArray", HostJson.Encode(batch.Select(e => e.SequenceNumber).ToArray()))
            .Metadata("EnqueuedTimeUtcArray", HostJson.Encode(dates))
            .Metadata("PropertiesArray", properties.ToJsonString(HostJson.Options))
            .Metadata("SystemPropertiesArray", system.ToJsonString(HostJson.Options))
            .RetryContext(_function.Retry, retry, error)
            .ToJson();
    }
}
