using Microsoft.Extensions.Logging;
using PredictiveMigration.Agent.Spooling;
using PredictiveMigration.Agent.Tests.Infrastructure;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Tests.Spooling;

public sealed class SpoolTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly AgentCounters _counters = new();
    private readonly RecordingLogger<Spool> _logger = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    private Spool NewSpool(long maxBytes = 64L * 1024 * 1024) =>
        new(TestOptions.Create(o =>
        {
            o.SpoolDirectory = _directory.Path;
            o.MaxSpoolBytes = maxBytes;
        }), _counters, _logger);

    [Fact(Timeout = 10_000)]
    public async Task WriteAsync_Batch_OneFileNamedBySequenceHoldingTheEvents()
    {
        // Arrange
        using var spool = NewSpool();
        var batch = Events.Range(41, 3);

        // Act
        await spool.WriteAsync(batch, _ct);

        // Assert
        var entry = Assert.Single(spool.List());
        Assert.Equal("0000000000000000041-0000000000000000043-000003.json", entry.FileName);
        Assert.Equal(MetricEventJson.SerializeArray(batch), await File.ReadAllBytesAsync(entry.Path, _ct));
        Assert.Empty(Directory.GetFiles(_directory.Path, "*.tmp"));
    }

    [Fact(Timeout = 10_000)]
    public async Task List_SeveralFiles_OldestSequenceFirst()
    {
        // Arrange: written out of order, and with sequence numbers of different digit counts.
        using var spool = NewSpool();
        await spool.WriteAsync(Events.Range(100, 2), _ct);
        await spool.WriteAsync(Events.Range(9, 2), _ct);
        await spool.WriteAsync(Events.Range(20, 2), _ct);

        // Act
        var entries = spool.List();

        // Assert
        Assert.Equal([9L, 20L, 100L], entries.Select(e => e.FirstSequence));
    }

    [Fact(Timeout = 10_000)]
    public async Task WriteAsync_BoundExceeded_DropsOldestFilesFirstAndCountsEveryDroppedEvent()
    {
        // Arrange: room for three batches of 10 events, then write five.
        var batchBytes = MetricEventJson.SerializeArray(Events.Range(1, 10)).Length;
        using var spool = NewSpool(maxBytes: (batchBytes * 3) + (batchBytes / 2));

        // Act
        for (var i = 0; i < 5; i++)
        {
            await spool.WriteAsync(Events.Range(1 + (i * 10), 10), _ct);
        }

        // Assert: batches 1 and 2 (the oldest) went; 20 events dropped, and it was logged.
        Assert.Equal([21L, 31L, 41L], spool.List().Select(e => e.FirstSequence));
        Assert.Equal(20, _counters.EventsDroppedFromSpool);
        Assert.Equal(2, _logger.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("dropped the oldest batch", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 10_000)]
    public async Task WriteAsync_BatchLargerThanTheWholeSpool_IsDroppedAndCounted()
    {
        // Arrange
        using var spool = NewSpool(maxBytes: 1000);

        // Act
        var written = await spool.WriteAsync(Events.Range(1, 50), _ct);

        // Assert
        Assert.False(written);
        Assert.Empty(spool.List());
        Assert.Equal(50, _counters.EventsDroppedFromSpool);
    }

    [Fact(Timeout = 10_000)]
    public async Task ReadAsync_CorruptFile_IsMovedAsideAsBadAndReturnsNull()
    {
        // Arrange
        using var spool = NewSpool();
        var path = Path.Combine(_directory.Path, SpoolFileName.Format(1, 2, 2));
        await File.WriteAllTextAsync(path, "[{\"schemaVersion\":1,\"serverId\":", _ct);
        var entry = Assert.Single(spool.List());

        // Act
        var events = await spool.ReadAsync(entry, _ct);

        // Assert
        Assert.Null(events);
        Assert.False(File.Exists(path));
        Assert.True(File.Exists(path + Spool.BadExtension));
        Assert.Empty(spool.List());
        Assert.Equal(1, _counters.CorruptSpoolFiles);
        Assert.True(_logger.Has(LogLevel.Error, "is corrupt"));
    }

    [Fact(Timeout = 10_000)]
    public async Task ReadAsync_ValidJsonButNotEvents_IsMovedAside()
    {
        // Arrange: an array whose element misses required fields.
        using var spool = NewSpool();
        var path = Path.Combine(_directory.Path, SpoolFileName.Format(5, 5, 1));
        await File.WriteAllTextAsync(path, "[{\"schemaVersion\":1}]", _ct);

        // Act
        var events = await spool.ReadAsync(Assert.Single(spool.List()), _ct);

        // Assert
        Assert.Null(events);
        Assert.True(File.Exists(path + Spool.BadExtension));
    }

    [Fact(Timeout = 10_000)]
    public async Task List_LeftoverTemporaryFileFromACrash_IsRemovedAndNotListed()
    {
        // Arrange
        var leftover = Path.Combine(_directory.Path, SpoolFileName.Format(1, 1, 1) + ".0123abcd.tmp");
        await File.WriteAllTextAsync(leftover, "[half written", _ct);
        using var spool = NewSpool();

        // Act
        var entries = spool.List();

        // Assert
        Assert.Empty(entries);
        Assert.False(File.Exists(leftover));
    }

    [Fact(Timeout = 10_000)]
    public async Task ReplaceAsync_PartlySent_KeepsOnlyTheRest()
    {
        // Arrange
        using var spool = NewSpool();
        var batch = Events.Range(1, 6);
        await spool.WriteAsync(batch, _ct);
        var entry = Assert.Single(spool.List());

        // Act
        await spool.ReplaceAsync(entry, [.. batch.Skip(4)], _ct);

        // Assert
        var remaining = Assert.Single(spool.List());
        var events = await spool.ReadAsync(remaining, _ct);
        Assert.Equal([5L, 6L], events!.Select(e => e.Sequence));
    }
}
