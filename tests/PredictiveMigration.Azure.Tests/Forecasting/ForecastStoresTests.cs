using Azure.Data.Tables;
using Azure.Storage.Blobs;
using PredictiveMigration.Azure.Forecasting;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Forecasting.Persistence;
using PredictiveMigration.Forecasting.Service;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Forecasting;

/// <summary>The forecasting stores against Azurite, each test on its own tables and container.</summary>
public class ForecastStoresTests(StorageFixture storage)
{
    private static readonly DateTimeOffset Tick = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private ForecastTables NewTables() => new(new TableServiceClient(storage.Require()), new ForecastStorageOptions
    {
        LatestTable = UniqueNames.Table("lat"),
        HistoryTable = UniqueNames.Table("his"),
        CandidateTable = UniqueNames.Table("can"),
    });

    private BlobModelStore NewModels(FixedTimeProvider time) =>
        new(new BlobServiceClient(storage.Require()), new ForecastStorageOptions { ModelContainer = UniqueNames.Table("models").ToLowerInvariant() }, time);

    internal static ServerForecast Forecast(string server, DateTimeOffset at, int score, int steps = 288)
    {
        var step = TimeSpan.FromMinutes(5);
        ResourceForecast Resource(ResourceKind kind, double level) => new(kind, kind <= ResourceKind.Memory ? "percent" : "IOPS", at - step, step, "naive",
            [.. Enumerable.Range(1, steps).Select(i => new ForecastPoint(at + (step * (i - 1)), level + (0.01 * i), level - 3, level + 3, level - 4, level + 4, level - 5, level + 5.123))]);
        var load = new[] { Resource(ResourceKind.Cpu, 40), Resource(ResourceKind.Memory, 60), Resource(ResourceKind.DiskIo, 30), Resource(ResourceKind.Network, 5000) };
        var risk = new ResourceRisk(ResourceKind.Memory, 95, score / 100.0, TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(20), null, 8, score);
        var assessment = new RiskAssessment(server, at, score, load, [risk, risk with { Resource = ResourceKind.Cpu, Score = 1, Probability = 0.01 }], new HealthSignals(0.5, 1.2, null),
            [new RiskReason(RiskReasonCode.UpperBoundCrossesThreshold, ResourceKind.Memory, "memory forecast p90 reaches 97 % in 40 min")], "v1");
        var profile = new PredictedResourceProfile(server, at, step, 0.9,
            [.. Enumerable.Range(0, steps).Select(i => new ProfilePoint(at + (step * i), new ResourceDemand(1.5, 4e9 + i, 30, 7000), new ResourceDemand(2, 5e9, 40, 9000)))]);
        return new ServerForecast(assessment, profile, [new HorizonRisk(TimeSpan.FromHours(1), risk)], "baseline", 576);
    }

    [Fact(Timeout = 60_000)]
    public async Task RiskStore_SaveThenGet_RoundTripsTheWholeForecast()
    {
        var store = new TableRiskStore(NewTables());
        var saved = Forecast("srv-1", Tick, 72);

        await store.SaveAsync([saved], TestContext.Current.CancellationToken);
        var loaded = await store.GetLatestAsync("srv-1", TestContext.Current.CancellationToken);

        Assert.NotNull(loaded);
        Assert.Equal(72, loaded!.Assessment.Score);
        Assert.Equal(saved.Assessment.Reasons, loaded.Assessment.Reasons);
        Assert.Equal(saved.Assessment.Resources, loaded.Assessment.Resources);
        Assert.Equal(saved.Horizons, loaded.Horizons);
        Assert.Equal(4, loaded.Assessment.PredictedLoad.Count);
        var (a, b) = (saved.Assessment.PredictedLoad[1].Points[287], loaded.Assessment.PredictedLoad[1].Points[287]);
        Assert.Equal(a.Time, b.Time);
        Assert.Equal(a.Upper95, b.Upper95, 4);
        Assert.Equal(saved.Profile!.Points[10], loaded.Profile!.Points[10]);
        Assert.Null(await store.GetLatestAsync("srv-unknown", TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 60_000)]
    public async Task RiskStore_ManyServersAndTicks_ListsByScoreAndKeepsOneHistoryRowPerTick()
    {
        var store = new TableRiskStore(NewTables());
        var servers = Enumerable.Range(0, 150).Select(i => Forecast($"srv-{i:D3}", Tick, i % 101, steps: 24)).ToList();

        await store.SaveAsync(servers, TestContext.Current.CancellationToken);
        await store.SaveAsync([Forecast("srv-007", Tick + TimeSpan.FromMinutes(5), 99, steps: 24)], TestContext.Current.CancellationToken);
        await store.SaveAsync([Forecast("srv-007", Tick + TimeSpan.FromMinutes(5), 98, steps: 24)], TestContext.Current.CancellationToken);
        var latest = await store.ListLatestAsync(TestContext.Current.CancellationToken);
        var history = await store.GetHistoryAsync("srv-007", Tick - TimeSpan.FromHours(1), Tick + TimeSpan.FromHours(1), TestContext.Current.CancellationToken);

        Assert.Equal(150, latest.Count);
        Assert.Equal(["srv-100", "srv-099", "srv-007", "srv-098"], latest.Take(4).Select(l => l.ServerId));
        Assert.Equal(ResourceKind.Memory, latest[0].TopResource);
        Assert.Equal([7, 98], history.Select(h => h.Score));
        Assert.Equal(0.07, history[0].Probability[ResourceKind.Memory], 6);
    }

    [Fact(Timeout = 60_000)]
    public async Task CandidateStore_UpsertListRemoveConsume_FollowTheContract()
    {
        var store = new TableMigrationCandidateStore(NewTables(), new FixedTimeProvider(Tick));
        var forecast = Forecast("srv-a", Tick, 90);
        var candidate = ForecastRunner.ToCandidate(forecast);

        await store.UpsertAsync(candidate, TestContext.Current.CancellationToken);
        await store.UpsertAsync(candidate with { RiskScore = 91 }, TestContext.Current.CancellationToken);
        await store.UpsertAsync(candidate with { ServerId = "srv-b", RiskScore = 95 }, TestContext.Current.CancellationToken);
        var open = await store.ListOpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["srv-b", "srv-a"], open.Select(c => c.ServerId));
        Assert.Equal(91, open[1].RiskScore);
        Assert.Equal(ResourceKind.Memory, open[1].Resource);
        Assert.Equal(TimeSpan.FromMinutes(20), open[1].EarliestTimeToExhaustion);
        Assert.Equal(forecast.Profile!.Points.Count, open[1].Profile!.Points.Count);

        await store.ConsumeAsync("srv-b", "mig-1", TestContext.Current.CancellationToken);
        await store.UpsertAsync(candidate with { ServerId = "srv-b", RiskScore = 99 }, TestContext.Current.CancellationToken);
        await store.RemoveAsync("srv-a", TestContext.Current.CancellationToken);
        await store.RemoveAsync("srv-never", TestContext.Current.CancellationToken);

        Assert.Empty(await store.ListOpenAsync(TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 60_000)]
    public async Task ModelStore_SaveLoadPromote_GuardsTheCurrentPointerWithItsETag()
    {
        var time = new FixedTimeProvider(Tick);
        var models = NewModels(time);
        var v1 = new ModelArtifact("forecast", "v1", Tick - TimeSpan.FromDays(14), Tick - TimeSpan.FromDays(1), new Dictionary<string, double> { ["score"] = 0.9 }, new byte[] { 1, 2, 3 });
        var v2 = v1 with { Version = "v2", Scores = new Dictionary<string, double> { ["score"] = 0.8 }, Payload = new byte[] { 4, 5 } };

        await models.SaveAsync(v1, new ModelDecision(true, "promoted: no current model", Tick, null, null, 0.9, null, null), TestContext.Current.CancellationToken);
        Assert.Null(await models.LoadAsync("forecast", null, TestContext.Current.CancellationToken));
        Assert.True(await models.TryPromoteAsync("forecast", "v1", null, TestContext.Current.CancellationToken));
        var pointer = await models.GetCurrentAsync("forecast", TestContext.Current.CancellationToken);
        Assert.False(await models.TryPromoteAsync("forecast", "v1", null, TestContext.Current.CancellationToken));

        time.Now += TimeSpan.FromDays(1);
        await models.SaveAsync(v2, TestContext.Current.CancellationToken);
        Assert.True(await models.TryPromoteAsync("forecast", "v2", pointer, TestContext.Current.CancellationToken));
        Assert.False(await models.TryPromoteAsync("forecast", "v1", pointer, TestContext.Current.CancellationToken));
        Assert.False(await models.PromoteIfBetterAsync("forecast", "v1", "score", TestContext.Current.CancellationToken));

        var current = await models.LoadAsync("forecast", null, TestContext.Current.CancellationToken);
        Assert.Equal("v2", current!.Version);
        Assert.Equal([4, 5], current.Payload.ToArray());
        Assert.Equal(v1.TrainedFrom, current.TrainedFrom);
        var versions = await models.ListVersionsAsync("forecast", TestContext.Current.CancellationToken);
        Assert.Equal(["v2", "v1"], versions.Select(v => v.Version));
        Assert.True(versions[0].IsCurrent);
        Assert.Equal("promoted: no current model", versions[1].Decision!.Reason);
        await Assert.ThrowsAsync<InvalidOperationException>(() => models.TryPromoteAsync("forecast", "v9", null, TestContext.Current.CancellationToken));
    }
}
