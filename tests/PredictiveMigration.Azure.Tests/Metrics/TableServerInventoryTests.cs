using PredictiveMigration.Azure.Metrics;
using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Metrics;

public class TableServerInventoryTests(StorageFixture storage)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 60_000)]
    public async Task Record_ThenListAndGet_ReturnTheFacts()
    {
        var ctx = new MetricsTestContext(storage);
        var inventory = new TableServerInventory(ctx.Tables);

        await inventory.RecordAsync([new ServerObservation("web-01", T0, "1.2.0", 8, 16e9), new ServerObservation("db-01", T0, "1.2.0", 4, 8e9)], TestContext.Current.CancellationToken);

        Assert.Equal(["db-01", "web-01"], (await inventory.ListAsync(TestContext.Current.CancellationToken)).Select(s => s.ServerId));
        Assert.Equal(new ServerObservation("web-01", T0, "1.2.0", 8, 16e9), await inventory.GetAsync("web-01", TestContext.Current.CancellationToken));
        Assert.Null(await inventory.GetAsync("nope", TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 60_000)]
    public async Task Record_UnchangedServerWithinRefreshInterval_WritesNothing()
    {
        var ctx = new MetricsTestContext(storage);
        var inventory = new TableServerInventory(ctx.Tables);
        await inventory.RecordAsync([new ServerObservation("web-01", T0, "1.0", 2, 4e9)], TestContext.Current.CancellationToken);
        var before = ctx.Policy.Requests;

        await inventory.RecordAsync([new ServerObservation("web-01", T0.AddMinutes(1), "1.0", 2, 4e9)], TestContext.Current.CancellationToken);
        var afterQuiet = ctx.Policy.Requests;
        await inventory.RecordAsync([new ServerObservation("web-01", T0.AddMinutes(2), "1.1", 2, 4e9)], TestContext.Current.CancellationToken);
        await inventory.RecordAsync([new ServerObservation("web-01", T0.AddMinutes(8), "1.1", 2, 4e9)], TestContext.Current.CancellationToken);

        Assert.Equal(before, afterQuiet);
        Assert.Equal(afterQuiet + 2, ctx.Policy.Requests);
        var stored = await inventory.GetAsync("web-01", TestContext.Current.CancellationToken);
        Assert.Equal(("1.1", T0.AddMinutes(8)), (stored!.AgentVersion, stored.LastSeen));
    }
}
