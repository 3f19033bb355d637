using PredictiveMigration.Azure.Metrics;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Rollups;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Metrics;

public class TableRollupStoreTests(StorageFixture storage)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Apply_ThenRead_ReturnsEveryMinuteWithItsStatistics()
    {
        var ctx = new MetricsTestContext(storage);
        var store = new TableRollupStore(ctx.Tables);

        var result = await store.ApplyAsync(MetricsTestContext.Fleet(servers: 3, minutes: 4), Ct);
        var rows = await ctx.ReadAllAsync(store, "srv-0001", Ct);

        Assert.Equal(3 * 4 * 6, result.Applied);
        Assert.Equal(12, result.RowsWritten);
        Assert.Equal(4, rows.Count);
        Assert.Equal(MetricsTestContext.Minute.AddMinutes(3), rows[^1].Minute);
        var cpu = rows[0].Get(MetricKind.CpuPercent);
        Assert.Equal((6, 25.0, 0.0, 50.0, 50.0), (cpu.Count, cpu.Mean, cpu.Min, cpu.Max, cpu.Last));
        Assert.Equal("0-5", rows[0].Sequences.ToString());
        Assert.Equal(4, rows[0].CpuCores);
    }

    [Fact(Timeout = 60_000)]
    public async Task Apply_SameGroupsTwice_SecondTimeIsAllDuplicatesAndWritesNothing()
    {
        var ctx = new MetricsTestContext(storage);
        var store = new TableRollupStore(ctx.Tables);
        var groups = MetricsTestContext.Fleet(servers: 2, minutes: 2);
        await store.ApplyAsync(groups, Ct);
        var before = ctx.Policy.Requests;

        var second = await store.ApplyAsync(groups, Ct);

        Assert.Equal(0, second.Applied);
        Assert.Equal(24, second.Duplicates);
        Assert.Equal(before, ctx.Policy.Requests);
        Assert.All(await ctx.ReadAllAsync(store, "srv-0000", Ct), r => Assert.Equal(6, r.EventCount));
    }

    [Fact(Timeout = 60_000)]
    public async Task Apply_NewProcessWithColdCache_MergesIntoExistingRows()
    {
        var ctx = new MetricsTestContext(storage);
        var minute = MetricsTestContext.Minute;
        await new TableRollupStore(ctx.Tables).ApplyAsync([new RollupGroup("a", minute, [MetricsTestContext.Event("a", 1, minute.AddSeconds(1), 10)])], Ct);

        var restarted = new TableRollupStore(ctx.Sibling());
        var result = await restarted.ApplyAsync(
            [new RollupGroup("a", minute, [MetricsTestContext.Event("a", 1, minute.AddSeconds(1), 10), MetricsTestContext.Event("a", 2, minute.AddSeconds(11), 30)])], Ct);
        var row = Assert.Single(await ctx.ReadAllAsync(restarted, "a", Ct));

        Assert.Equal(1, result.Applied);
        Assert.Equal(1, result.Duplicates);
        Assert.Equal(2, row.EventCount);
        Assert.Equal(20, row.Get(MetricKind.CpuPercent).Mean);
    }

    [Fact(Timeout = 120_000)]
    public async Task Apply_TwoProcessesWritingTheSameRowsConcurrently_CountEveryEventExactlyOnce()
    {
        var ctx = new MetricsTestContext(storage);
        var storeA = new TableRollupStore(ctx.Tables);
        var storeB = new TableRollupStore(ctx.Sibling());
        // Both writers get interleaved slices of the same 20 server-minutes (and overlapping redeliveries).
        var all = MetricsTestContext.Fleet(servers: 10, minutes: 2);
        var sliceA = all.Select(g => g with { Events = g.Events.Where(e => e.Sequence % 2 == 0 || e.Sequence % 6 == 5).ToList() }).ToList();
        var sliceB = all.Select(g => g with { Events = g.Events.Where(e => e.Sequence % 2 == 1).ToList() }).ToList();

        var tasks = new List<Task<RollupWriteResult>>();
        for (var round = 0; round < 3; round++)
        {
            tasks.Add(storeA.ApplyAsync(sliceA, Ct));
            tasks.Add(storeB.ApplyAsync(sliceB, Ct));
        }

        var results = await Task.WhenAll(tasks);

        Assert.Equal(10 * 2 * 6, results.Sum(r => r.Applied));
        for (var s = 0; s < 10; s++)
        {
            var rows = await ctx.ReadAllAsync(storeA, $"srv-{s:D4}", Ct);
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Equal(6, r.EventCount));
            Assert.All(rows, r => Assert.Equal(6, r.Get(MetricKind.CpuPercent).Count));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Apply_StorageFailsMidBatch_RetryCompletesWithNothingLostOrCountedTwice()
    {
        var ctx = new MetricsTestContext(storage, new MetricsStorageOptions { PartitionBuckets = 4, WriteParallelism = 1 });
        var store = new TableRollupStore(ctx.Tables);
        await ctx.Tables.EnsureInitializedAsync(Ct);
        var groups = MetricsTestContext.Fleet(servers: 40, minutes: 3);
        ctx.Policy.FailAfter = ctx.Policy.Requests + 2; // two transactions land, then storage "goes away"

        await Assert.ThrowsAnyAsync<Exception>(() => store.ApplyAsync(groups, Ct));
        ctx.Policy.FailAfter = null;
        var retry = await new TableRollupStore(ctx.Sibling()).ApplyAsync(groups, Ct);

        Assert.True(ctx.Policy.Failed > 0);
        Assert.True(retry.Duplicates > 0, "the transactions that landed before the failure must be recognised as duplicates");
        Assert.Equal(40 * 3 * 6, retry.Applied + retry.Duplicates);
        var total = 0;
        for (var s = 0; s < 40; s++)
        {
            total += (await ctx.ReadAllAsync(store, $"srv-{s:D4}", Ct)).Sum(r => r.EventCount);
        }

        Assert.Equal(40 * 3 * 6, total);
    }

    [Fact(Timeout = 60_000)]
    public async Task Read_RangeAcrossMidnight_ReadsBothDayPartitionsInOrder()
    {
        var ctx = new MetricsTestContext(storage);
        var store = new TableRollupStore(ctx.Tables);
        var beforeMidnight = new DateTimeOffset(2026, 11, 23, 23, 59, 0, TimeSpan.Zero);
        await store.ApplyAsync(
        [
            new RollupGroup("n", beforeMidnight, [MetricsTestContext.Event("n", 1, beforeMidnight.AddSeconds(3))]),
            new RollupGroup("n", beforeMidnight.AddMinutes(1), [MetricsTestContext.Event("n", 2, beforeMidnight.AddMinutes(1).AddSeconds(3))]),
            new RollupGroup("n", beforeMidnight.AddMinutes(5), [MetricsTestContext.Event("n", 3, beforeMidnight.AddMinutes(5).AddSeconds(3))]),
        ], Ct);

        var rows = new List<MinuteRollup>();
        await foreach (var r in store.ReadAsync("n", beforeMidnight, beforeMidnight.AddMinutes(5), Ct))
        {
            rows.Add(r);
        }

        Assert.Equal([beforeMidnight, beforeMidnight.AddMinutes(1)], rows.Select(r => r.Minute));
    }

    [Fact(Timeout = 60_000)]
    public async Task Initialize_BucketCountDiffersFromTheRecordedOne_RefusesNamingTheSetting()
    {
        var first = new MetricsTestContext(storage, new MetricsStorageOptions { PartitionBuckets = 8 });
        await first.Tables.EnsureInitializedAsync(Ct);

        var second = new MetricsTestContext(storage, new MetricsStorageOptions { PartitionBuckets = 16 }, rollupTable: first.Options.RollupTable);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await second.Tables.EnsureInitializedAsync(Ct));

        Assert.Contains("Metrics:PartitionBuckets", ex.Message, StringComparison.Ordinal);
        Assert.Contains("8", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Apply_ThousandServersOneMinute_UsesOneTransactionPerPartitionChunk()
    {
        var ctx = new MetricsTestContext(storage, new MetricsStorageOptions { PartitionBuckets = 4 });
        var store = new TableRollupStore(ctx.Tables);
        await ctx.Tables.EnsureInitializedAsync(Ct);
        var groups = MetricsTestContext.Fleet(servers: 1000, minutes: 1);
        var before = ctx.Policy.Requests;

        var result = await store.ApplyAsync(groups, Ct);

        // 1,000 rows over 4 partitions: ceil(~250/100) transactions each, no reads.
        var requests = ctx.Policy.Requests - before;
        Assert.Equal(1000, result.RowsWritten);
        Assert.InRange(requests, 10, 16);
    }
}
