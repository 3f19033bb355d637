using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Functions.Tests.Forecasting;

/// <summary>RunForecasts through the app's route on real storage: rollups in, risk rows and migration candidates out.</summary>
public class RunForecastsEndToEndTests(StorageFixture storage)
{
    private static readonly DateTimeOffset End = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private async Task<ForecastingAppHost> StartSeededAsync()
    {
        var time = new FixedTimeProvider(End + TimeSpan.FromMinutes(2));
        var host = await ForecastingAppHost.StartAsync(storage.Require(), time, ForecastingAppHost.NewPrefix());
        var span = TimeSpan.FromDays(2);
        await host.SeedAsync(
            [
                .. SyntheticServers.Rollups("ramp-1", End, span, SyntheticServers.MemoryRamp(End), seed: 1),
                .. SyntheticServers.Rollups("flat-1", End, span, SyntheticServers.Flat, seed: 2),
                .. SyntheticServers.Rollups("gone-1", End - TimeSpan.FromHours(3), TimeSpan.FromHours(6), SyntheticServers.Flat, seed: 3),
            ],
            [
                SyntheticServers.Observation("ramp-1", End),
                SyntheticServers.Observation("flat-1", End),
                SyntheticServers.Observation("gone-1", End - TimeSpan.FromHours(3)),
            ]);
        return host;
    }

    [Fact(Timeout = 120_000)]
    public async Task RunForecasts_RollupsIn_RiskRowsAndCandidatesOut()
    {
        await using var host = await StartSeededAsync();
        var candidates = host.Get<IMigrationCandidateStore>();
        // flat-1 was at risk earlier: its open candidate must go once it is forecast below the threshold.
        await candidates.UpsertAsync(new MigrationCandidate("flat-1", End - TimeSpan.FromHours(1), CandidateSource.Forecast, 80, ResourceKind.Cpu, null, null, ["old"], null, "old"), TestContext.Current.CancellationToken);

        var (status, logs) = await host.InvokeTimerAsync(FunctionCatalog.RunForecasts);

        Assert.Equal(200, status);
        Assert.Contains("2 active, 2 forecast, 1 at risk, 1 candidates removed", logs[0], StringComparison.Ordinal);
        var open = await candidates.ListOpenAsync(TestContext.Current.CancellationToken);
        var candidate = Assert.Single(open);
        Assert.Equal("ramp-1", candidate.ServerId);
        Assert.Equal(ResourceKind.Memory, candidate.Resource);
        Assert.Equal(End, candidate.DetectedAt);
        Assert.NotNull(candidate.Profile);
        Assert.Contains(candidate.Reasons, r => r.StartsWith("memory forecast", StringComparison.Ordinal));

        var latest = await host.Get<IRiskStore>().ListLatestAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["ramp-1", "flat-1"], latest.Select(l => l.ServerId));
        Assert.Equal(ResourceKind.Memory, latest[0].TopResource);
        Assert.True(latest[1].Score < 70);
    }

    [Fact(Timeout = 120_000)]
    public async Task RunForecasts_RerunForTheSameTick_ChangesNothing()
    {
        await using var host = await StartSeededAsync();

        var first = await host.InvokeTimerAsync(FunctionCatalog.RunForecasts);
        var before = await host.Get<IRiskStore>().GetLatestAsync("ramp-1", TestContext.Current.CancellationToken);
        var second = await host.InvokeTimerAsync(FunctionCatalog.RunForecasts, pastDue: true);

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        var after = await host.Get<IRiskStore>().GetLatestAsync("ramp-1", TestContext.Current.CancellationToken);
        Assert.Equal(before!.Assessment.Score, after!.Assessment.Score);
        Assert.Equal(before.Assessment.AssessedAt, after.Assessment.AssessedAt);
        var history = await host.Get<IRiskStore>().GetHistoryAsync("ramp-1", End - TimeSpan.FromDays(1), End + TimeSpan.FromDays(1), TestContext.Current.CancellationToken);
        Assert.Single(history);
        Assert.Single(await host.Get<IMigrationCandidateStore>().ListOpenAsync(TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 120_000)]
    public async Task ReadEndpoints_AfterARun_ServeForecastRiskAndProblems()
    {
        await using var host = await StartSeededAsync();
        await host.InvokeTimerAsync(FunctionCatalog.RunForecasts);

        var risk = await host.GetAsync("/api/servers/ramp-1/risk?history=1d");
        var forecast = await host.GetAsync("/api/servers/ramp-1/forecast?horizon=1h");
        var unknown = await host.GetAsync("/api/servers/nope-9/forecast");
        var badHorizon = await host.GetAsync("/api/servers/ramp-1/forecast?horizon=soon");

        Assert.Equal(200, risk.Status);
        Assert.True(risk.Body.GetProperty("score").GetInt32() >= 70);
        Assert.Contains(risk.Body.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("resource").GetString() == "memory");
        Assert.Equal(1, risk.Body.GetProperty("history").GetArrayLength());
        Assert.Equal(6, risk.Body.GetProperty("horizons").GetArrayLength());

        Assert.Equal(200, forecast.Status);
        var resources = forecast.Body.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(["cpu", "memory", "diskIo", "network"], resources.Select(r => r.GetProperty("resource").GetString()));
        Assert.All(resources, r => Assert.Equal(12, r.GetProperty("points").GetArrayLength()));
        var point = resources[1].GetProperty("points")[0];
        Assert.True(point.GetProperty("lower90").GetDouble() <= point.GetProperty("value").GetDouble());
        Assert.True(point.GetProperty("value").GetDouble() <= point.GetProperty("upper90").GetDouble());
        Assert.Equal(3, forecast.Body.GetProperty("horizons").GetArrayLength());

        Assert.Equal(404, unknown.Status);
        Assert.Equal("application/problem+json", unknown.ContentType);
        Assert.Equal("serverId", unknown.Body.GetProperty("field").GetString());
        Assert.Equal(400, badHorizon.Status);
        Assert.Equal("horizon", badHorizon.Body.GetProperty("field").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task RunForecasts_EnvelopeWithoutTimer_FailsNamingTheField()
    {
        await using var host = await ForecastingAppHost.StartAsync(storage.Require(), new FixedTimeProvider(End), ForecastingAppHost.NewPrefix());

        using var response = await host.Client.PostAsync("/RunForecasts", new StringContent("""{"Data":{},"Metadata":{}}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("Data.timer", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
