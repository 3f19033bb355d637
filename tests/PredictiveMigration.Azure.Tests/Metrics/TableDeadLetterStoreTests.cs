using PredictiveMigration.Azure.Metrics;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Ingestion;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Metrics;

public class TableDeadLetterStoreTests(StorageFixture storage)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static DeadLetter Letter(string id, int minute) => new(id, Day.AddMinutes(minute), Day, "eventhub:metrics/0", minute,
        RejectionReason.OutOfRange, "cpuPercent", "cpuPercent = 900 is outside [0, 150]", "web-01", "{\"cpuPercent\":900}", 18, false);

    [Fact(Timeout = 60_000)]
    public async Task Add_SameDeadLetterTwice_KeepsOneRowWithEveryField()
    {
        var ctx = new MetricsTestContext(storage);
        var store = new TableDeadLetterStore(ctx.Tables);

        await store.AddAsync([Letter("abc", 1), Letter("abc", 1)], TestContext.Current.CancellationToken);
        await store.AddAsync([Letter("abc", 1)], TestContext.Current.CancellationToken);
        var list = await store.ListAsync(Day, Day, 10, TestContext.Current.CancellationToken);

        var d = Assert.Single(list);
        Assert.Equal(Letter("abc", 1), d);
    }

    [Fact(Timeout = 60_000)]
    public async Task List_ReturnsNewestFirstUpToMax()
    {
        var ctx = new MetricsTestContext(storage);
        var store = new TableDeadLetterStore(ctx.Tables);
        await store.AddAsync([.. Enumerable.Range(0, 150).Select(i => Letter($"id{i:D3}", i))], TestContext.Current.CancellationToken);

        var list = await store.ListAsync(Day.AddDays(-2), Day, 5, TestContext.Current.CancellationToken);

        Assert.Equal(["id149", "id148", "id147", "id146", "id145"], list.Select(d => d.Id));
    }
}
