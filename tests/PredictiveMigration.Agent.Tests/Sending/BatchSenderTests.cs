using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PredictiveMigration.Agent.Collecting;
using PredictiveMigration.Agent.Sending;
using PredictiveMigration.Agent.Spooling;
using PredictiveMigration.Agent.Tests.Infrastructure;

namespace PredictiveMigration.Agent.Tests.Sending;

public sealed class BatchSenderTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly AgentCounters _counters = new();
    private readonly ManualTimeProvider _time = new(Events.Epoch);
    private readonly RecordingLogger<BatchSender> _logger = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly Spool _spool;
    private readonly MetricBuffer _buffer;

    public BatchSenderTests()
    {
        var options = TestOptions.Create(o =>
        {
            o.SpoolDirectory = _directory.Path;
            o.MaxBatchEvents = 10;
        });
        _spool = new Spool(options, _counters, NullLogger<Spool>.Instance);
        _buffer = new MetricBuffer(options);
    }

    public void Dispose()
    {
        _spool.Dispose();
        _directory.Dispose();
    }

    private BatchSender NewSender(IMetricSink sink) =>
        new(sink, _spool, _buffer, _counters, TestOptions.Create(o => o.MaxBatchEvents = 10), _time, _logger);

    private void Buffer(long first, int count)
    {
        foreach (var e in Events.Range(first, count))
        {
            _buffer.Add(e);
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task DeliverAsync_413_SplitsInHalvesUntilTheReceiverAccepts()
    {
        // Arrange: the receiver takes at most 3 events per request.
        var sink = new ScriptedSink(b => b.Count > 3
            ? SendResult.Failed(SendOutcome.TooLarge, 0, 413, "too large")
            : SendResult.Sent(b.Count, 200));
        using var sender = NewSender(sink);

        // Act
        var delivery = await sender.DeliverAsync(Events.Range(1, 10), _ct);

        // Assert: 10 → 5 + 5 → (2 + 3) + (2 + 3); halves first, in order.
        Assert.True(delivery.Complete);
        Assert.Equal(10, delivery.Sent);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), sink.Batches.Where(b => b.Count <= 3).SelectMany(b => b));
        Assert.Equal(10, _counters.EventsSent);
    }

    [Fact(Timeout = 10_000)]
    public async Task DeliverAsync_SingleEventStill413_IsRefusedAndCounted()
    {
        // Arrange
        var sink = new ScriptedSink(_ => SendResult.Failed(SendOutcome.TooLarge, 0, 413, "too large"));
        using var sender = NewSender(sink);

        // Act
        var delivery = await sender.DeliverAsync(Events.Range(1, 2), _ct);

        // Assert
        Assert.True(delivery.Complete);
        Assert.Equal(2, delivery.Refused);
        Assert.Equal(2, _counters.EventsRefused);
    }

    [Fact(Timeout = 10_000)]
    public async Task SendPendingAsync_400_DropsTheBatchCountsItAndDoesNotSpool()
    {
        // Arrange
        var sink = new ScriptedSink(_ => SendResult.Failed(SendOutcome.Refused, 0, 400, "every event invalid"));
        using var sender = NewSender(sink);
        Buffer(1, 4);

        // Act
        await sender.SendPendingAsync(_ct);

        // Assert
        Assert.Equal(4, _counters.EventsRefused);
        Assert.Empty(_spool.List());
        Assert.Equal(0, _buffer.Count);
        Assert.True(_logger.Has(LogLevel.Error, "refused 4 events for good"));
    }

    [Fact(Timeout = 10_000)]
    public async Task SendPendingAsync_200WithRejections_CountsOnlyTheRejectedAsRefused()
    {
        // Arrange
        var sink = new ScriptedSink(b => SendResult.Sent(b.Count, 200, [new RejectedEvent(1, "OutOfRange", "cpuPercent", "no")]));
        using var sender = NewSender(sink);
        Buffer(1, 3);

        // Act
        await sender.SendPendingAsync(_ct);

        // Assert
        Assert.Equal(2, _counters.EventsSent);
        Assert.Equal(1, _counters.EventsRefused);
        Assert.True(_logger.Has(LogLevel.Warning, "seq 2"));
    }

    [Fact(Timeout = 10_000)]
    public async Task SendPendingAsync_TransientFailure_SpoolsTheBatchesAndStopsTrying()
    {
        // Arrange: 25 events = 3 batches; the first send fails.
        var sink = new ScriptedSink(_ => SendResult.Failed(SendOutcome.Transient, 0, 503, "down"));
        using var sender = NewSender(sink);
        Buffer(1, 25);

        // Act
        await sender.SendPendingAsync(_ct);

        // Assert: one attempt, then all three batches spooled in order.
        Assert.Single(sink.Batches);
        Assert.Equal([1L, 11L, 21L], _spool.List().Select(e => e.FirstSequence));
        Assert.Equal(25, _spool.EventCount());
    }

    [Fact(Timeout = 10_000)]
    public async Task SendPendingAsync_SpooledBatches_AreResentOldestFirstBeforeNewData()
    {
        // Arrange
        await _spool.WriteAsync(Events.Range(11, 5), _ct);
        await _spool.WriteAsync(Events.Range(1, 5), _ct);
        Buffer(21, 2);
        var sink = new ScriptedSink(b => SendResult.Sent(b.Count, 200));
        using var sender = NewSender(sink);

        // Act
        await sender.SendPendingAsync(_ct);

        // Assert
        Assert.Equal([1L, 11L, 21L], sink.Batches.Select(b => b[0]));
        Assert.Empty(_spool.List());
    }

    [Fact(Timeout = 10_000)]
    public async Task SendPendingAsync_401_SpoolsSoNothingIsLostAndLogsCritical()
    {
        // Arrange
        var sink = new ScriptedSink(_ => SendResult.Failed(SendOutcome.Unauthorized, 0, 401, "bad key"));
        using var sender = NewSender(sink);
        Buffer(1, 3);

        // Act
        await sender.SendPendingAsync(_ct);

        // Assert
        Assert.Equal(3, _spool.EventCount());
        Assert.Equal(0, _counters.EventsRefused);
        Assert.True(_logger.Has(LogLevel.Critical, "refused the agent's credentials"));
    }

    [Fact(Timeout = 10_000)]
    public async Task SendPendingAsync_RetryAfter_DefersSendingUntilItPasses()
    {
        // Arrange: the first answer says "retry after 30 s".
        var sink = new ScriptedSink(_ => SendResult.Failed(SendOutcome.Transient, 0, 503, "busy", TimeSpan.FromSeconds(30)));
        using var sender = NewSender(sink);
        Buffer(1, 2);
        await sender.SendPendingAsync(_ct);
        Buffer(3, 2);

        // Act: 10 s later, still inside the window.
        _time.Advance(TimeSpan.FromSeconds(10));
        await sender.SendPendingAsync(_ct);
        var attemptsInsideWindow = sink.Batches.Count;
        _time.Advance(TimeSpan.FromSeconds(25));
        await sender.SendPendingAsync(_ct);

        // Assert: no request inside the window (the new batch went to the spool), one after it.
        Assert.Equal(1, attemptsInsideWindow);
        Assert.Equal(2, sink.Batches.Count);
        Assert.Equal(4, _spool.EventCount());
    }

    [Fact(Timeout = 10_000)]
    public async Task SendPendingAsync_SinkThrows_BatchIsSpooledNotLost()
    {
        // Arrange
        var sink = new ScriptedSink(_ => throw new InvalidOperationException("bug"));
        using var sender = NewSender(sink);
        Buffer(1, 3);

        // Act
        await sender.SendPendingAsync(_ct);

        // Assert
        Assert.Equal(3, _spool.EventCount());
    }

    [Fact(Timeout = 10_000)]
    public async Task FlushOnShutdownAsync_SinkDown_SpoolsEverythingInMemory()
    {
        // Arrange
        var sink = new ScriptedSink(_ => SendResult.Failed(SendOutcome.Transient, 0, null, "connection refused"));
        using var sender = NewSender(sink);
        Buffer(1, 15);

        // Act
        await sender.FlushOnShutdownAsync(_ct);

        // Assert: tried once, then both batches of the 15 events spooled.
        Assert.Single(sink.Batches);
        Assert.Equal(15, _spool.EventCount());
        Assert.Equal(0, _buffer.Count);
    }

    [Fact(Timeout = 10_000)]
    public async Task FlushOnShutdownAsync_TokenAlreadyCancelled_StillSpoolsTheEvents()
    {
        // Arrange: the host's shutdown time is already used up.
        var sink = new ScriptedSink(b => SendResult.Sent(b.Count, 200));
        using var sender = NewSender(sink);
        Buffer(1, 4);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Act
        await sender.FlushOnShutdownAsync(cancelled.Token);

        // Assert
        Assert.Empty(sink.Batches);
        Assert.Equal(4, _spool.EventCount());
    }
}
