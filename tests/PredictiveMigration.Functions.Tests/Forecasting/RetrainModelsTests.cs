using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Functions.Tests.Forecasting;

/// <summary>RetrainModels through the app's route on real storage: a model is promoted only when its backtest beats the current one.</summary>
public class RetrainModelsTests(StorageFixture storage)
{
    private static readonly DateTimeOffset End = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Window = ["--Retrain:TrainingWindow=3.00:00:00", "--Retrain:Holdout=12:00:00", "--Retrain:Clusters=2"];

    [Fact(Timeout = 300_000)]
    public async Task RetrainModels_FirstModelIsPromoted_AWorseOneIsNot_AndForecastsUseTheCurrent()
    {
        var prefix = ForecastingAppHost.NewPrefix();
        var time = new FixedTimeProvider(End + TimeSpan.FromMinutes(1));
        await using var good = await ForecastingAppHost.StartAsync(storage.Require(), time, prefix, [.. Window, "--Retrain:Iterations=60"]);
        var servers = Enumerable.Range(0, 5).Select(i => $"daily-{i}").ToList();
        await good.SeedAsync(
            servers.SelectMany((s, i) => SyntheticServers.Rollups(s, End, TimeSpan.FromDays(3), SyntheticServers.Daily, seed: 10 + i)),
            servers.Select(s => SyntheticServers.Observation(s, End)));

        var first = await good.InvokeTimerAsync(FunctionCatalog.RetrainModels);

        Assert.True(first.Status == 200, string.Join("\n", first.Logs));
        Assert.Contains("promoted: no current model", first.Logs[0], StringComparison.Ordinal);
        var models = await good.GetAsync("/api/models");
        Assert.Equal("20261123-1200", models.Body.GetProperty("current").GetProperty("version").GetString());
        Assert.Equal(End - TimeSpan.FromHours(12), models.Body.GetProperty("current").GetProperty("trainedTo").GetDateTimeOffset());
        Assert.True(models.Body.GetProperty("current").GetProperty("scores").GetProperty("score").GetDouble() < 1, "the trained model must beat naive on a daily cycle");

        // A second instance with a 1-round model (barely more than persistence), five minutes later, on the same data.
        time.Now += TimeSpan.FromMinutes(5);
        await using (var worse = await ForecastingAppHost.StartAsync(storage.Require(), time, prefix, [.. Window, "--Retrain:Iterations=1"]))
        {
            var second = await worse.InvokeTimerAsync(FunctionCatalog.RetrainModels);

            Assert.True(second.Status == 200, string.Join("\n", second.Logs));
            Assert.Contains("not promoted", second.Logs[0], StringComparison.Ordinal);
            Assert.Contains("does not beat current 20261123-1200", second.Logs[0], StringComparison.Ordinal);
        }

        models = await good.GetAsync("/api/models");
        var versions = models.Body.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["20261123-1205", "20261123-1200"], versions.Select(v => v.GetProperty("version").GetString()));
        Assert.False(versions[0].GetProperty("promoted").GetBoolean());
        Assert.True(versions[1].GetProperty("promoted").GetBoolean());
        Assert.Equal("20261123-1200", models.Body.GetProperty("current").GetProperty("version").GetString());
        Assert.True(versions[0].GetProperty("candidateScore").GetDouble() >= versions[0].GetProperty("currentScore").GetDouble());

        var run = await good.InvokeTimerAsync(FunctionCatalog.RunForecasts);
        Assert.Equal(200, run.Status);
        var forecast = await good.Get<IRiskStore>().GetLatestAsync("daily-0", TestContext.Current.CancellationToken);
        Assert.Equal("model", forecast!.Method);
        Assert.Equal("20261123-1200", forecast.Assessment.ModelVersion);
        Assert.Equal("global_gbm", forecast.Assessment.PredictedLoad[0].Model);
    }

    [Fact(Timeout = 300_000)]
    public async Task RetrainModels_BatchServer_GetsItsFirstHourFromAnaloguesAndTheLogSaysSo()
    {
        var time = new FixedTimeProvider(End + TimeSpan.FromMinutes(1));
        await using var app = await ForecastingAppHost.StartAsync(storage.Require(), time, ForecastingAppHost.NewPrefix(), [.. Window, "--Retrain:Iterations=60"]);
        var span = TimeSpan.FromDays(3);
        var daily = Enumerable.Range(0, 3).Select(i => $"daily-{i}").ToList();
        await app.SeedAsync(
            daily.SelectMany((s, i) => SyntheticServers.Rollups(s, End, span, SyntheticServers.Daily, seed: 10 + i))
                .Concat(SyntheticServers.Rollups("jobs-0", End, span, SyntheticServers.Jobs(End - span, seed: 3), seed: 20)),
            daily.Append("jobs-0").Select(s => SyntheticServers.Observation(s, End)));

        var retrain = await app.InvokeTimerAsync(FunctionCatalog.RetrainModels);
        var run = await app.InvokeTimerAsync(FunctionCatalog.RunForecasts);

        Assert.True(retrain.Status == 200, string.Join("\n", retrain.Logs));
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(retrain.Logs[0], "servers forecast by analogues for the first hour: cpu [1-4]"), retrain.Logs[0]);
        Assert.Equal(200, run.Status);
        var jobs = await app.Get<IRiskStore>().GetLatestAsync("jobs-0", TestContext.Current.CancellationToken);
        var cpu = jobs!.Assessment.PredictedLoad.Single(f => f.Resource == ResourceKind.Cpu);
        Assert.Equal("analog+global_gbm", cpu.Model);
        Assert.All(cpu.Points.Take(12), p => Assert.True(p.Value < 25 || p.Value > 70, $"{p.Time}: {p.Value:F1} is between idle and busy"));
    }
}
