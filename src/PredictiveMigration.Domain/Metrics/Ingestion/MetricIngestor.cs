using System.Security.Cryptography;
using System.Text;
using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Domain.Metrics.Ingestion;

/// <summary>
/// Ingestion as one application service: each event is parsed and validated on its own; bad ones become dead
/// letters (never costing the rest of the batch); good ones are grouped per server-minute and counted into rollups,
/// de-duplicated by the agent's sequence number; the inventory learns last-seen, agent and capacity facts.
/// Every write is idempotent, so a failed invocation can be retried with the same batch and nothing is lost or counted twice.
/// </summary>
public sealed class MetricIngestor
{
    /// <summary>Longest payload text kept in a dead letter (characters).</summary>
    public const int MaxDeadLetterPayloadChars = 4096;

    private readonly IRollupStore _rollups;
    private readonly IDeadLetterStore _deadLetters;
    private readonly IServerInventory _inventory;
    private readonly TimeProvider _time;
    private readonly MetricValidationOptions _options;

    public MetricIngestor(IRollupStore rollups, IDeadLetterStore deadLetters, IServerInventory inventory, TimeProvider time, MetricValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _rollups = rollups;
        _deadLetters = deadLetters;
        _inventory = inventory;
        _time = time;
        _options = options;
    }

    /// <summary>Validates and stores a batch. Throws only when storage fails (the caller then fails the invocation so it is retried).</summary>
    public async Task<IngestResult> IngestAsync(IReadOnlyList<EventPayload> payloads, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        var batch = Prepare(payloads, source);
        var written = batch.Groups.Count > 0
            ? await _rollups.ApplyAsync(batch.Groups, cancellationToken).ConfigureAwait(false)
            : default;
        if (batch.Observations.Count > 0)
        {
            await _inventory.RecordAsync(batch.Observations, cancellationToken).ConfigureAwait(false);
        }

        if (batch.DeadLetters.Count > 0)
        {
            await _deadLetters.AddAsync(batch.DeadLetters, cancellationToken).ConfigureAwait(false);
        }

        return new IngestResult(payloads.Count, written.Applied, written.Duplicates + batch.DuplicatesInBatch, batch.Rejected, written.RowsWritten);
    }

    /// <summary>The CPU-bound part (decode, validate, group) with no I/O: what <c>pm bench ingest</c> measures.</summary>
    public PreparedBatch Prepare(IReadOnlyList<EventPayload> payloads, string source)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        var now = _time.GetUtcNow();
        // One dictionary lookup per event: a server's minutes and its latest event hang off one entry.
        var servers = new Dictionary<string, ServerBatch>(StringComparer.Ordinal);
        var rejected = new List<IngestRejection>();
        var deadLetters = new List<DeadLetter>();
        var duplicatesInBatch = 0;
        var groupCount = 0;

        for (var i = 0; i < payloads.Count; i++)
        {
            var payload = payloads[i];
            var span = payload.Body.Span;
            MetricEvent? evt = null;
            MetricRejection? rejection;
            if (span.Length > _options.MaxEventBytes)
            {
                rejection = new MetricRejection(RejectionReason.TooLarge, null, $"event is {span.Length} bytes; the limit is {_options.MaxEventBytes}");
            }
            else if (MetricEventJson.TryParse(span, out evt, out rejection))
            {
                rejection = MetricEventValidator.Validate(evt!, now, _options);
            }

            if (rejection is not null)
            {
                rejected.Add(new IngestRejection(i, evt?.ServerId, rejection));
                deadLetters.Add(ToDeadLetter(payload, i, evt?.ServerId, rejection, source, now));
                continue;
            }

            var e = evt!;
            if (!servers.TryGetValue(e.ServerId, out var server))
            {
                server = new ServerBatch(e);
                servers[e.ServerId] = server;
            }
            else if (e.Timestamp > server.Latest.Timestamp)
            {
                server.Latest = e;
            }

            var minute = MinuteRollup.FloorToMinute(e.Timestamp).UtcTicks;
            var group = server.Minute(minute, ref groupCount);
            if (Contains(group, e.Sequence))
            {
                duplicatesInBatch++;
                continue;
            }

            group.Add(e);
        }

        var rollupGroups = new List<RollupGroup>(groupCount);
        var observations = new List<ServerObservation>(servers.Count);
        foreach (var (serverId, server) in servers)
        {
            foreach (var (ticks, events) in server.Minutes)
            {
                rollupGroups.Add(new RollupGroup(serverId, new DateTimeOffset(ticks, TimeSpan.Zero), events));
            }

            var latest = server.Latest;
            observations.Add(new ServerObservation(serverId, latest.Timestamp, latest.AgentVersion, latest.CpuCores, latest.MemoryTotalBytes));
        }

        return new PreparedBatch(rollupGroups, observations, deadLetters, rejected, duplicatesInBatch);
    }

    private static bool Contains(List<MetricEvent> group, long sequence)
    {
        // A server-minute holds a handful of events: a scan beats a hash set.
        foreach (var e in group)
        {
            if (e.Sequence == sequence)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One server's share of a batch: its events by minute, and its latest event.</summary>
    private sealed class ServerBatch(MetricEvent first)
    {
        public MetricEvent Latest { get; set; } = first;

        public List<(long Ticks, List<MetricEvent> Events)> Minutes { get; } = new(2);

        public List<MetricEvent> Minute(long ticks, ref int groupCount)
        {
            foreach (var (t, events) in Minutes)
            {
                if (t == ticks)
                {
                    return events;
                }
            }

            var list = new List<MetricEvent>(6);
            Minutes.Add((ticks, list));
            groupCount++;
            return list;
        }
    }

    private static DeadLetter ToDeadLetter(EventPayload payload, int index, string? serverId, MetricRejection rejection, string source, DateTimeOffset now)
    {
        var body = payload.Body.Span;
        var truncated = body.Length > MaxDeadLetterPayloadChars * 4;
        var text = Encoding.UTF8.GetString(truncated ? body[..(MaxDeadLetterPayloadChars * 4)] : body);
        if (text.Length > MaxDeadLetterPayloadChars)
        {
            text = text[..MaxDeadLetterPayloadChars];
            truncated = true;
        }

        // Same bytes (and same hub sequence number, when there is one) => same id => a redelivery overwrites.
        Span<byte> hash = stackalloc byte[32];
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            sha.AppendData(body);
            if (payload.SourceSequenceNumber is { } seq)
            {
                sha.AppendData(BitConverter.GetBytes(seq));
            }

            sha.GetHashAndReset(hash);
        }

        var day = payload.EnqueuedTime ?? now;
        return new DeadLetter(
            Convert.ToHexStringLower(hash[..16]),
            now,
            new DateTimeOffset(day.UtcDateTime.Date, TimeSpan.Zero),
            source,
            index,
            rejection.Reason,
            rejection.Field,
            rejection.Message,
            serverId is not null && MetricEventValidator.IsValidServerId(serverId) ? serverId : null,
            text,
            body.Length,
            truncated);
    }
}
