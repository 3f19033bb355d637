using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PredictiveMigration.Cli.Forecasting;
using PredictiveMigration.Forecasting.Models;

namespace PredictiveMigration.Cli.Commands;

/// <summary>
/// <c>pm bench forecast [--servers N] [--training-series N] [--days N] [--json]</c>: trains the global model on
/// N series x D days of 5-minute data and forecasts the next hour for every server (features included), against
/// per-series baselines measured in the same run (Holt-Winters fitting, seasonal naive forecasting), and the analogue
/// model's first hour for every server (<c>analog_inference_s</c>: what production adds at most on top of
/// <c>inference_s</c>). With --json the last line is one flat object with <c>servers</c>, <c>inference_s</c>,
/// <c>training_series</c>, <c>training_s</c>, <c>peak_mb</c> (a contract) plus the baselines.
/// </summary>
internal static class ForecastBenchCommand
{
    private const int Seed = 42;
    private const int HistoryDays = 8;
    private const int Steps = 12;
    private const int Chunk = 1_000;

    public static int Run(CommandLine line)
    {
        var servers = line.Int("servers", 10_000, 1, 1_000_000);
        var trainingSeries = line.Int("training-series", 1_000, 2, 100_000);
        var days = line.Int("days", 14, 3, 60);
        var json = line.Flag("json");
        line.RejectUnknown();

        Console.Error.WriteLine($"pm bench forecast: training on {trainingSeries:N0} series x {days} days, inference for {servers:N0} servers ({HistoryDays} days of history each, next hour)");
        var training = Enumerable.Range(0, trainingSeries).Select(i => SyntheticUsage.Server(i, days, Seed)).ToList();
        var sw = Stopwatch.StartNew();
        var model = new GlobalModelTrainer(new GlobalModelOptions { Seed = Seed }).Train(training.Select(s => (s, s.Length)).ToList());
        var trainingSeconds = sw.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"  trained {model.Version} in {trainingSeconds:F1} s");
        sw.Restart();
        var hw = new HoltWintersForecaster();
        foreach (var s in training)
        {
            _ = hw.Fit(s, s.Length);
        }

        var hwSeconds = sw.Elapsed.TotalSeconds;
        training.Clear();

        double inferenceSeconds = 0, analogSeconds = 0, baselineSeconds = 0, checksum = 0;
        for (var from = 0; from < servers; from += Chunk)
        {
            var batch = Enumerable.Range(from, Math.Min(Chunk, servers - from)).Select(i => SyntheticUsage.Server(trainingSeries + i, HistoryDays, Seed)).ToList();
            sw.Restart();
            var forecasts = model.ForecastBatch(batch.Select(s => (s, (IReadOnlyList<int>)[s.Length - 1])).ToList(), Steps);
            inferenceSeconds += sw.Elapsed.TotalSeconds;
            checksum += forecasts.Sum(f => f[0][Steps - 1]);
            sw.Restart();
            var buffer = new double[Steps];
            // The analogue model's first hour, as production adds it for the servers the retraining assigns to it
            // (here every server: the worst case).
            var analog = new AnalogForecaster();
            foreach (var s in batch)
            {
                analog.Fit(s, s.Length).Forecast(s.Length - 1, buffer);
                checksum += buffer[^1] * 1e-9;
            }

            analogSeconds += sw.Elapsed.TotalSeconds;
            sw.Restart();
            var seasonal = new SeasonalNaiveForecaster();
            foreach (var s in batch)
            {
                seasonal.Fit(s, s.Length).Forecast(s.Length - 1, buffer);
                checksum += buffer[^1] * 1e-9;
            }

            baselineSeconds += sw.Elapsed.TotalSeconds;
        }

        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var figures = new Dictionary<string, object>
        {
            ["servers"] = servers,
            ["inference_s"] = Math.Round(inferenceSeconds, 3),
            ["training_series"] = trainingSeries,
            ["training_days"] = days,
            ["training_s"] = Math.Round(trainingSeconds, 3),
            ["training_rows"] = model.TrainingRows,
            ["peak_mb"] = Math.Round(peakMb, 1),
            ["analog_inference_s"] = Math.Round(analogSeconds, 3),
            ["baseline_inference_s"] = Math.Round(baselineSeconds, 3),
            ["baseline_training_s"] = Math.Round(hwSeconds, 3),
            ["horizon_steps"] = Steps,
        };

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("| figure                                               | value      | goal     |");
        Console.WriteLine("|------------------------------------------------------|------------|----------|");
        Console.WriteLine(string.Create(c, $"| {$"inference: global model, {servers:N0} servers, next hour",-52} | {inferenceSeconds,8:F2} s | < 60 s   |"));
        Console.WriteLine(string.Create(c, $"| {"  plus the analogue model's first hour, every server",-52} | {analogSeconds,8:F2} s |          |"));
        Console.WriteLine(string.Create(c, $"| {"  baseline: seasonal naive, same servers",-52} | {baselineSeconds,8:F2} s |          |"));
        Console.WriteLine(string.Create(c, $"| {$"training: global model, {trainingSeries:N0} series x {days} days",-52} | {trainingSeconds,8:F2} s | < 120 s  |"));
        Console.WriteLine(string.Create(c, $"| {"  baseline: Holt-Winters fit per series",-52} | {hwSeconds,8:F2} s |          |"));
        Console.WriteLine(string.Create(c, $"| {"peak working set",-52} | {peakMb,7:F0} MB | < 2 GB   |"));
        Console.Error.WriteLine(string.Create(c, $"  (checksum {checksum:F3})"));
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(figures));
        }

        return 0;
    }
}
