using Microsoft.Extensions.DependencyInjection;
using PredictiveMigration.Agent.Spooling;
using PredictiveMigration.Agent.Tests.Infrastructure;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Tests.Hosting;

/// <summary>The whole agent (host, loops, sink, spool) against a real HTTP listener on 127.0.0.1.</summary>
public sealed class AgentLoopTests : IDisposable
{
    private static readonly TimeSpan FastSampling = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan FastSending = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan NeverDuringTest = TimeSpan.FromHours(1);

    private readonly TempDirectory _spool = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _spool.Dispose();

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    private static IEnumerable<long> Sequences(long first, int count) => Enumerable.Range(0, count).Select(i => first + i);

    private string[] SpoolFiles() => Directory.GetFiles(_spool.Path, "*" + SpoolFileName.Extension);

    [Fact(Timeout = 60_000)]
    public async Task Agent_ListenerFailsFirstRequestsWith503_EveryEventArrivesNoneLost()
    {
        // Arrange: the listener answers 503 to its first 4 requests; 60 numbered events in batches of at most 5.
        const int events = 60;
        await using var listener = await TestListener.StartAsync(failFirst: 4, _ct);
        var sampler = new CountingSampler(events);
        using var host = AgentHost.Build(listener.Url, _spool.Path, sampler, FastSampling, FastSending, maxBatchEvents: 5);
        var counters = host.Services.GetRequiredService<AgentCounters>();

        // Act
        await host.StartAsync(_ct);
        await listener.WaitForAsync(Sequences(1, events), _ct);

        // The listener records events before it answers; a spool file goes only once its 2xx is back.
        await WaitUntilAsync(() => SpoolFiles().Length == 0, _ct);
        await host.StopAsync(_ct);

        // Assert: every generated sequence arrived (duplicates allowed, but counted), through the spool.
        Assert.Equal(events, sampler.Produced);
        Assert.Equal(Sequences(1, events).ToHashSet(), listener.Distinct);
        Assert.Equal(listener.Received.Count - events, listener.Duplicates);
        Assert.Equal(4, listener.FailedRequests);
        Assert.True(counters.EventsSpooled > 0, "the failed batches went through the spool");
        Assert.Equal(0, counters.EventsDroppedFromSpool);
        Assert.Empty(SpoolFiles());
    }

    [Fact(Timeout = 60_000)]
    public async Task Agent_Shutdown_SendsEventsStillInMemory()
    {
        // Arrange: the send interval is far away, so only the shutdown flush can deliver the events.
        await using var listener = await TestListener.StartAsync(failFirst: 0, _ct);
        var sampler = new CountingSampler(7);
        using var host = AgentHost.Build(listener.Url, _spool.Path, sampler, FastSampling, NeverDuringTest, maxBatchEvents: 500);
        var counters = host.Services.GetRequiredService<AgentCounters>();
        await host.StartAsync(_ct);
        await WaitUntilAsync(() => counters.EventsCollected == 7, _ct);
        Assert.Empty(listener.Requests);

        // Act
        await host.StopAsync(_ct);

        // Assert
        Assert.Equal(Sequences(1, 7).ToHashSet(), listener.Distinct);
        Assert.Empty(SpoolFiles());
    }

    [Fact(Timeout = 60_000)]
    public async Task Agent_ListenerDownAtShutdown_SpoolsAndNextInstanceSendsThemWithHigherSequences()
    {
        // Arrange: first instance collects 5 events while the listener is down, then stops (flush fails → spool).
        await using var listener = await TestListener.StartAsync(failFirst: 0, _ct);
        listener.Down = true;
        using (var first = AgentHost.Build(listener.Url, _spool.Path, new CountingSampler(5), FastSampling, NeverDuringTest, maxBatchEvents: 500))
        {
            var counters = first.Services.GetRequiredService<AgentCounters>();
            await first.StartAsync(_ct);
            await WaitUntilAsync(() => counters.EventsCollected == 5, _ct);
            await first.StopAsync(_ct);
        }

        var spooledAfterFirst = SpoolFiles();
        listener.Down = false;

        // Act: a new instance on the same spool directory, with 3 more events.
        using var second = AgentHost.Build(listener.Url, _spool.Path, new CountingSampler(3), FastSampling, FastSending, maxBatchEvents: 500);
        await second.StartAsync(_ct);
        await listener.WaitForAsync(Sequences(1, 8), _ct);

        // The listener records events before it answers: wait for the answers too (the 5 resent and the 3 new counted
        // as sent), or a stop while the last batch is in flight would rightly spool it again.
        var secondCounters = second.Services.GetRequiredService<AgentCounters>();
        await WaitUntilAsync(() => secondCounters.EventsSent == 8 && SpoolFiles().Length == 0, _ct);
        await second.StopAsync(_ct);

        // Assert: nothing lost across the restart, and the new events continue above the old ones.
        Assert.Single(spooledAfterFirst);
        Assert.Equal(Sequences(1, 8).ToHashSet(), listener.Distinct);
        var secondInstance = listener.Requests.SelectMany(r => r.Sequences).Where(s => s > 5).ToHashSet();
        Assert.Equal([6L, 7L, 8L], secondInstance.Order());
        Assert.Empty(SpoolFiles());
    }

    [Fact(Timeout = 60_000)]
    public async Task Agent_CorruptSpoolFile_IsMovedAsideAndTheOthersAreStillSent()
    {
        // Arrange: two good spooled batches (1-3, 5-7) around a corrupt one (named 4-4).
        await File.WriteAllBytesAsync(_spool.Combine(SpoolFileName.Format(1, 3, 3)), MetricEventJson.SerializeArray(Events.Range(1, 3, "test-server-01")), _ct);
        var corrupt = _spool.Combine(SpoolFileName.Format(4, 4, 1));
        await File.WriteAllTextAsync(corrupt, "[{\"schemaVersion\":1, this is not json", _ct);
        await File.WriteAllBytesAsync(_spool.Combine(SpoolFileName.Format(5, 7, 3)), MetricEventJson.SerializeArray(Events.Range(5, 3, "test-server-01")), _ct);
        await using var listener = await TestListener.StartAsync(failFirst: 0, _ct);
        using var host = AgentHost.Build(listener.Url, _spool.Path, new CountingSampler(2), FastSampling, FastSending, maxBatchEvents: 500);
        var counters = host.Services.GetRequiredService<AgentCounters>();

        // Act
        await host.StartAsync(_ct);
        await listener.WaitForAsync([1, 2, 3, 5, 6, 7, 8, 9], _ct);

        // The listener records events before it answers; a spool file goes only once its 2xx is back.
        await WaitUntilAsync(() => SpoolFiles().Length == 0, _ct);
        await host.StopAsync(_ct);

        // Assert: the corrupt file is kept aside for the operator; the new events continue above the spooled ones.
        Assert.False(File.Exists(corrupt));
        Assert.True(File.Exists(corrupt + Spool.BadExtension));
        Assert.Equal(1, counters.CorruptSpoolFiles);
        Assert.Equal([1L, 2L, 3L, 5L, 6L, 7L, 8L, 9L], listener.Distinct.Order());
        Assert.Empty(SpoolFiles());
    }

    [Fact(Timeout = 60_000)]
    public async Task Agent_ListenerAnswers413AboveFourEvents_BatchesAreSplitAndAllArrive()
    {
        // Arrange
        await using var listener = await TestListener.StartAsync(failFirst: 0, _ct);
        listener.MaxEventsPerRequest = 4;
        var sampler = new CountingSampler(20);
        using var host = AgentHost.Build(listener.Url, _spool.Path, sampler, FastSampling, NeverDuringTest, maxBatchEvents: 20);
        var counters = host.Services.GetRequiredService<AgentCounters>();

        // Act: a full batch of 20 triggers the send at once.
        await host.StartAsync(_ct);
        await listener.WaitForAsync(Sequences(1, 20), _ct);

        // The listener records events before it answers; a spool file goes only once its 2xx is back.
        await WaitUntilAsync(() => SpoolFiles().Length == 0, _ct);
        await host.StopAsync(_ct);

        // Assert: 20 → 10 → 5 → 2 + 3: every accepted request holds at most 4 events.
        Assert.Equal(Sequences(1, 20).ToHashSet(), listener.Distinct);
        Assert.Equal(0, listener.Duplicates);
        Assert.Equal(0, counters.EventsRefused);
        Assert.Contains(listener.Requests, r => r.Sequences.Count == 20);
    }
}
