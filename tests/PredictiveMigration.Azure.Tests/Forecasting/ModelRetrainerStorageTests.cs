using Azure.Data.Tables;
using Azure.Storage.Blobs;
using PredictiveMigration.Azure.Forecasting;
using PredictiveMigration.Azure.Metrics;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Domain.Metrics.Query;
using PredictiveMigration.Domain.Metrics.Rollups;
using PredictiveMigration.Forecasting.Service;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Azure.Tests.Forecasting;

/// <summary>The retrainer on the real adapters (rollups and inventory in Tables, models in Blobs).</summary>
public class ModelRetrainerStorageTests(StorageFixture storage)
{
    private static readonly DateTimeOffset End = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 300_000)]
    public async Task Retrain_FirstIsPromoted_AWorseCandidateIsNotAndSaysWhy()
    {
        var ct = TestContext.Current.CancellationToken;
        var (rollups, inventory) = Stores();
        for (var s = 0; s < 5; s++)
        {
            var id = $"daily-{s}";
            await rollups.ApplyAsync(Daily(id, s), ct);
            await inventory.RecordAsync([new ServerObservation(id, End, "1.0.0", 4, 8e9)], ct);
        }

        var time = new FixedTimeProvider(End);
        var registry = new BlobModelStore(new BlobServiceClient(storage.Require()), new ForecastStorageOptions { ModelContainer = UniqueNames.Table("m").ToLowerInvariant() }, time);
        var forecasting = new ForecastingOptions();
        var reader = new HistoryReader(new MetricsQueryService(rollups), forecasting);
        RetrainOptions Options(int iterations) => new() { TrainingWindow = TimeSpan.FromDays(3), Holdout = TimeSpan.FromHours(12), Clusters = 2, Iterations = iterations };

        var first = await new ModelRetrainer(inventory, reader, registry, forecasting, Options(60)).RunAsync(End, ct);
        var second = await new ModelRetrainer(inventory, reader, registry, forecasting, Options(1)).RunAsync(End + TimeSpan.FromMinutes(5), ct);
        var rerun = await new ModelRetrainer(inventory, reader, registry, forecasting, Options(60)).RunAsync(End, ct);

        Assert.True(first.Promoted, first.Reason);
        Assert.StartsWith("promoted: no current model", first.Reason, StringComparison.Ordinal);
        Assert.True(first.CandidateScore < 1, $"a trained model beats naive on a daily cycle: {first.CandidateScore}");
        Assert.False(second.Promoted, second.Reason);
        Assert.Contains("does not beat current 20261123-1200", second.Reason, StringComparison.Ordinal);
        Assert.True(second.CandidateScore >= second.CurrentScore);
        Assert.False(rerun.Promoted);
        Assert.Contains("already current", rerun.Reason, StringComparison.Ordinal);
        Assert.Equal("20261123-1200", (await registry.GetCurrentAsync(ForecastModel.ArtifactName, ct))!.Version);
        var versions = await registry.ListVersionsAsync(ForecastModel.ArtifactName, ct);
        Assert.Equal(2, versions.Count);
        Assert.Equal(End - TimeSpan.FromHours(12), versions.Single(v => v.IsCurrent).TrainedTo);
        var model = ForecastModel.Load((await registry.LoadAsync(ForecastModel.ArtifactName, null, ct))!.Payload);
        Assert.NotNull(model.For(Domain.Forecasting.ResourceKind.Cpu)!.Gbm);
        Assert.Equal(2, model.For(Domain.Forecasting.ResourceKind.Cpu)!.Centroids.Count);
    }

    [Fact(Timeout = 300_000)]
    public async Task Retrain_BatchServer_IsAssignedTheAnalogueModelAndTheStoredChoiceSurvivesTheBlob()
    {
        var ct = TestContext.Current.CancellationToken;
        var (rollups, inventory) = Stores();
        var ids = new[] { "daily-0", "daily-1", "daily-2", "jobs-0" };
        foreach (var (id, s) in ids.Select((id, s) => (id, s)))
        {
            await rollups.ApplyAsync(id.StartsWith("jobs", StringComparison.Ordinal) ? Jobs(id, s) : Daily(id, s), ct);
            await inventory.RecordAsync([new ServerObservation(id, End, "1.0.0", 4, 8e9)], ct);
        }

        var registry = new BlobModelStore(new BlobServiceClient(storage.Require()), new ForecastStorageOptions { ModelContainer = UniqueNames.Table("m").ToLowerInvariant() }, new FixedTimeProvider(End));
        var forecasting = new ForecastingOptions();
        var reader = new HistoryReader(new MetricsQueryService(rollups), forecasting);

        var result = await new ModelRetrainer(inventory, reader, registry, forecasting, new RetrainOptions { TrainingWindow = TimeSpan.FromDays(3), Holdout = TimeSpan.FromHours(12), Clusters = 2, Iterations = 60 }).RunAsync(End, ct);

        Assert.True(result.Promoted, result.Reason);
        Assert.True(result.Scores["analog_servers_cpu"] >= 1, $"analogue servers for CPU: {result.Scores["analog_servers_cpu"]}");
        Assert.True(result.Scores["selected_mae_cpu"] <= result.Scores["mae_cpu"]);
        var cpu = ForecastModel.Load((await registry.LoadAsync(ForecastModel.ArtifactName, null, ct))!.Payload).For(Domain.Forecasting.ResourceKind.Cpu)!;
        Assert.True(cpu.UsesAnalog("jobs-0"), "the batch server's own past forecasts it better than the global model");
        // 12 origins give the chosen servers far fewer than 100 residuals per step: the bands take every server's
        // (as many as the global model has on the same targets).
        Assert.Equal(cpu.ModelResiduals[0].Length, cpu.AnalogResiduals[0].Length);
        Assert.True(cpu.AnalogResiduals[0].Length > 4, $"{cpu.AnalogResiduals[0].Length} residuals");
    }

    /// <summary>Rollups and inventory in fresh tables of the emulator.</summary>
    private (TableRollupStore Rollups, TableServerInventory Inventory) Stores()
    {
        var tables = new MetricsTables(new TableServiceClient(storage.Require()), new MetricsStorageOptions
        {
            RollupTable = UniqueNames.Table("roll"),
            DeadLetterTable = UniqueNames.Table("dead"),
            ServerTable = UniqueNames.Table("srv"),
        });
        return (new TableRollupStore(tables), new TableServerInventory(tables));
    }

    /// <summary>Three days of a batch server: busy at ~90 % CPU for 40-50 minutes, idle at ~5 % for 15-25, with no daily period.</summary>
    private static List<RollupGroup> Jobs(string id, int seed)
    {
        var rng = new Random(seed);
        var busy = new List<bool>();
        while (busy.Count < 864)
        {
            busy.AddRange(Enumerable.Repeat(true, rng.Next(8, 11)));
            busy.AddRange(Enumerable.Repeat(false, rng.Next(3, 6)));
        }

        return Daily(id, seed, i => (busy[i] ? 90 : 5) + (4 * rng.NextDouble()) - 2);
    }

    /// <summary>Three days of 5-minute rollups of a daily CPU and memory cycle (CPU per interval index from <paramref name="cpu"/> when given).</summary>
    private static List<RollupGroup> Daily(string id, int seed, Func<int, double>? cpu = null)
    {
        var noise = new Random(seed);
        var groups = new List<RollupGroup>();
        for (var i = 0; i < 864; i++)
        {
            var t = End - TimeSpan.FromDays(3) + TimeSpan.FromMinutes(5 * i);
            var phase = 2 * Math.PI * t.TimeOfDay.TotalHours / 24;
            var e = new MetricEvent
            {
                ServerId = id,
                Timestamp = t,
                Sequence = i,
                CpuCores = 4,
                CpuPercent = cpu?.Invoke(i) ?? (50 + (30 * Math.Sin(phase)) + (4 * noise.NextDouble()) - 2),
                MemoryUsedBytes = (0.55 + (0.1 * Math.Sin(phase))) * 8e9,
                MemoryTotalBytes = 8e9,
                DiskReadBytesPerSec = 1000,
                DiskWriteBytesPerSec = 2000,
                DiskReadIops = 10,
                DiskWriteIops = 20,
                NetRxBytesPerSec = 3000,
                NetTxBytesPerSec = 4000,
            };
            groups.Add(new RollupGroup(id, t, [e]));
        }

        return groups;
    }
}
