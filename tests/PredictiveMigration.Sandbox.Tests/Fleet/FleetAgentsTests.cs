using System.Collections.Concurrent;
using PredictiveMigration.Domain.Common;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Sandbox.Fleet;

namespace PredictiveMigration.Sandbox.Tests.Fleet;

public class FleetAgentsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private sealed class RecordingSender : IMetricEventSender
    {
        public ConcurrentQueue<IReadOnlyList<MetricEvent>> Batches { get; } = new();

        public int FailFirst { get; set; }

        private int _calls;

        public Task<MetricSendResult> SendAsync(IReadOnlyList<MetricEvent> batch, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) <= FailFirst)
            {
                return Task.FromResult(new MetricSendResult(false, 503, "unavailable"));
            }

            Batches.Enqueue(batch);
            return Task.FromResult(MetricSendResult.Ok(201));
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task RunAsync_AcceleratedClock_SamplesOnSimulatedTimeAndSendsPerAgentBatches()
    {
        var fleet = FleetSimulator.Synthetic(new FleetOptions { ServerCount = 4, Start = Start });
        var sender = new RecordingSender();
        var clock = AcceleratedTimeProvider.StartNow(Start, 3000); // 5 simulated minutes = 100 ms
        var agents = new FleetAgents(fleet, FixedCapacitySource.For(fleet), sender, clock);
        using var stop = new CancellationTokenSource();

        var run = agents.RunAsync(stop.Token);
        while (sender.Batches.Count < 8)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        await run;

        Assert.All(sender.Batches, b => Assert.Single(b.Select(e => e.ServerId).Distinct()));
        Assert.All(sender.Batches, b => Assert.True(b.Count <= FleetAgents.MaxBatchEvents));
        var all = sender.Batches.SelectMany(b => b).ToList();
        Assert.All(all, e => Assert.True(e.Timestamp <= clock.GetUtcNow() && e.Timestamp >= Start));
        Assert.All(all.GroupBy(e => e.ServerId), g => Assert.Equal(Enumerable.Range(1, g.Count()).Select(i => (long)i), g.Select(e => e.Sequence).Order()));
        Assert.Equal(agents.EventsProduced, agents.EventsSent + agents.EventsPending);
    }

    [Fact(Timeout = 30_000)]
    public async Task Flush_SendFails_EventsAreKeptAndSentNextTimeInOrder()
    {
        var fleet = FleetSimulator.Synthetic(new FleetOptions { ServerCount = 1, Start = Start });
        var sender = new RecordingSender { FailFirst = 1 };
        var agents = new FleetAgents(fleet, FixedCapacitySource.For(fleet), sender, TimeProvider.System);

        await agents.CatchUpAsync(Start.AddMinutes(4), CancellationToken.None);
        await agents.FlushAsync(CancellationToken.None);
        var pendingAfterFailure = agents.EventsPending;
        await agents.CatchUpAsync(Start.AddMinutes(9), CancellationToken.None);
        await agents.FlushAsync(CancellationToken.None);

        Assert.Equal(5, pendingAfterFailure);
        Assert.Equal(1, agents.FailedSends);
        var batch = Assert.Single(sender.Batches);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), batch.Select(e => e.Sequence));
        Assert.Equal(0, agents.EventsPending);
    }
}
