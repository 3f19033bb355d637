using PredictiveMigration.Testing;
using System.Text;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Ingestion;

namespace PredictiveMigration.Domain.Tests.Metrics;

public class MetricIngestorTests
{
    private readonly InMemoryMetricsStore _store = new();
    private readonly MetricIngestor _ingestor;

    public MetricIngestorTests()
    {
        _ingestor = new MetricIngestor(_store, _store, _store, new FixedTimeProvider(TestEvents.Now), new MetricValidationOptions());
    }

    private static EventPayload Payload(MetricEvent e) => new(MetricEventJson.Serialize(e));

    [Fact]
    public async Task Ingest_BatchWithOneBadEvent_KeepsTheRest()
    {
        var at = TestEvents.Now.AddMinutes(-1);
        EventPayload[] batch =
        [
            Payload(TestEvents.Event(seq: 1, at: at)),
            new(Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"serverId\":\"web-01\"")),
            Payload(TestEvents.Event(seq: 2, at: at.AddSeconds(10))),
        ];

        var result = await _ingestor.IngestAsync(batch, "test", TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Accepted);
        Assert.Single(result.Rejected);
        Assert.Equal(1, result.Rejected[0].Index);
        Assert.Equal(2, _store.Rows.Single().Value.EventCount);
        var dead = Assert.Single(_store.DeadLetters.Values);
        Assert.Equal(RejectionReason.Malformed, dead.Reason);
        Assert.Equal("test", dead.Source);
        Assert.StartsWith("{\"schemaVersion\":1", dead.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_SameBatchTwice_LeavesTheSameState()
    {
        var batch = Enumerable.Range(0, 12).Select(i => Payload(TestEvents.Event(seq: i, at: TestEvents.Now.AddMinutes(-2).AddSeconds(i * 10), cpu: i))).ToArray();
        batch = [.. batch, new EventPayload(Encoding.UTF8.GetBytes("garbage"))];

        var first = await _ingestor.IngestAsync(batch, "test", TestContext.Current.CancellationToken);
        var snapshot = _store.Rows.ToDictionary(r => r.Key, r => (r.Value.EventCount, r.Value.Get(MetricKind.CpuPercent).Sum));
        var second = await _ingestor.IngestAsync(batch, "test", TestContext.Current.CancellationToken);

        Assert.Equal(12, first.Accepted);
        Assert.Equal(0, second.Accepted);
        Assert.Equal(12, second.Duplicates);
        Assert.Equal(snapshot, _store.Rows.ToDictionary(r => r.Key, r => (r.Value.EventCount, r.Value.Get(MetricKind.CpuPercent).Sum)));
        Assert.Single(_store.DeadLetters);
    }

    [Fact]
    public async Task Ingest_DuplicateInsideOneBatch_IsCountedOnce()
    {
        var e = TestEvents.Event(seq: 5);

        var result = await _ingestor.IngestAsync([Payload(e), Payload(e)], "test", TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Accepted);
        Assert.Equal(1, result.Duplicates);
    }

    [Fact]
    public async Task Ingest_OversizedEvent_IsDeadLetteredTruncated()
    {
        var huge = new EventPayload(Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 40_000) + "\"}"));

        var result = await _ingestor.IngestAsync([huge], "test", TestContext.Current.CancellationToken);

        Assert.Equal(RejectionReason.TooLarge, result.Rejected.Single().Rejection.Reason);
        var dead = _store.DeadLetters.Values.Single();
        Assert.True(dead.Truncated);
        Assert.Equal(MetricIngestor.MaxDeadLetterPayloadChars, dead.Payload.Length);
        Assert.Equal(40_010, dead.PayloadBytes);
    }

    [Fact]
    public async Task Ingest_StorageFails_ThrowsAndARetryCompletesTheBatch()
    {
        var batch = Enumerable.Range(0, 6).Select(i => Payload(TestEvents.Event(seq: i, at: TestEvents.Now.AddMinutes(-1).AddSeconds(i)))).ToArray();
        _store.FailWrites = true;

        await Assert.ThrowsAsync<IOException>(() => _ingestor.IngestAsync(batch, "test", TestContext.Current.CancellationToken));
        _store.FailWrites = false;
        var retry = await _ingestor.IngestAsync(batch, "test", TestContext.Current.CancellationToken);

        Assert.Equal(6, retry.Accepted);
        Assert.Equal(6, _store.Rows.Values.Sum(r => r.EventCount));
    }

    [Fact]
    public async Task Ingest_RecordsInventoryFromTheLatestEventPerServer()
    {
        var older = TestEvents.Event(server: "db-1", seq: 1, at: TestEvents.Now.AddMinutes(-3));
        var newer = TestEvents.Event(server: "db-1", seq: 2, at: TestEvents.Now.AddMinutes(-1));

        await _ingestor.IngestAsync([Payload(newer), Payload(older)], "test", TestContext.Current.CancellationToken);

        var server = _store.Servers["db-1"];
        Assert.Equal(newer.Timestamp, server.LastSeen);
        Assert.Equal(4, server.CpuCores);
        Assert.Equal(8e9, server.MemoryTotalBytes);
    }

    [Fact]
    public void Prepare_GroupsEventsByServerAndMinute()
    {
        var minute = new DateTimeOffset(2026, 11, 23, 9, 58, 0, TimeSpan.Zero);
        EventPayload[] batch =
        [
            Payload(TestEvents.Event("a", 1, minute.AddSeconds(1))),
            Payload(TestEvents.Event("a", 2, minute.AddSeconds(59))),
            Payload(TestEvents.Event("a", 3, minute.AddSeconds(60))),
            Payload(TestEvents.Event("b", 1, minute.AddSeconds(2))),
        ];

        var prepared = _ingestor.Prepare(batch, "test");

        Assert.Equal(3, prepared.Groups.Count);
        Assert.Equal(2, prepared.Groups.Single(g => g.ServerId == "a" && g.Minute == minute).Events.Count);
        Assert.Equal(2, prepared.Observations.Count);
    }

    [Fact]
    public async Task Ingest_RedeliveredBadEvent_OverwritesItsDeadLetter()
    {
        var bad = new EventPayload(Encoding.UTF8.GetBytes("{\"schemaVersion\":9}"), SourceSequenceNumber: 42, EnqueuedTime: TestEvents.Now);

        await _ingestor.IngestAsync([bad], "test", TestContext.Current.CancellationToken);
        await _ingestor.IngestAsync([bad], "test", TestContext.Current.CancellationToken);

        Assert.Single(_store.DeadLetters);
    }

    [Fact]
    public async Task Ingest_EmptyBatch_DoesNothing()
    {
        var result = await _ingestor.IngestAsync([], "test", TestContext.Current.CancellationToken);

        Assert.Equal(0, result.Received);
        Assert.Empty(_store.Rows);
    }
}
