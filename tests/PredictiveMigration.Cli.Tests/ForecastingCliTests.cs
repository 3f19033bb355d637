using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PredictiveMigration.Cli.Tests;

/// <summary>The forecasting commands run as the real <c>pm</c> on small CSV traces generated in a temp directory.</summary>
public sealed class ForecastingCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pm-forecast-" + Guid.NewGuid().ToString("N"));

    public ForecastingCliTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "fleet"));
        for (var s = 0; s < 2; s++)
        {
            var rng = new Random(s);
            var csv = new StringBuilder("timestamp,cpu,memory\n");
            var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
            for (var t = 0; t < 5 * 288; t++)
            {
                var daily = Math.Sin(2 * Math.PI * t / 288);
                var cpu = Math.Clamp(50 + (45 * daily) + (3 * rng.NextDouble()), 0, 100);
                var memory = Math.Clamp(60 + (10 * daily) + rng.NextDouble() + (t == 1000 ? 30 : 0), 0, 100);
                csv.Append(CultureInfo.InvariantCulture, $"{start.AddMinutes(5 * t):yyyy-MM-ddTHH:mm:ssZ},{cpu:F2},{memory:F2}\n");
            }

            File.WriteAllText(Path.Combine(_dir, "fleet", $"vm{s}.csv"), csv.ToString());
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task BacktestJson_LastLineCarriesTheContractKeys()
    {
        var outDir = Path.Combine(_dir, "out");
        var modelsDir = Path.Combine(_dir, "models");

        var result = await PmProcess.RunAsync(["backtest", "--data", Path.Combine(_dir, "fleet"), "--format", "csv", "--metric", "cpu", "--horizon", "60m", "--lead", "30m", "--out", outDir, "--models", modelsDir, "--json"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.LastLine);
        var overall = doc.RootElement.GetProperty("overall");
        var selected = overall.GetProperty("selected").GetString()!;
        var models = overall.GetProperty("models");
        foreach (var name in new[] { "naive", "seasonal_naive", selected })
        {
            var m = models.GetProperty(name);
            Assert.True(m.GetProperty("mae").GetDouble() >= 0, name);
            Assert.True(m.GetProperty("smape").GetDouble() >= 0, name);
            Assert.True(m.GetProperty("mase").GetDouble() > 0, name);
            foreach (var level in new[] { "80", "90", "95" })
            {
                Assert.InRange(m.GetProperty("coverage").GetProperty(level).GetDouble(), 0, 1);
            }

            Assert.True(m.GetProperty("width").GetProperty("90").GetDouble() >= 0, name);
        }

        Assert.Equal(1.0, models.GetProperty("naive").GetProperty("mase").GetDouble(), 6);
        var exhaustion = overall.GetProperty("exhaustion");
        foreach (var key in new[] { "precision", "recall", "f1" })
        {
            Assert.InRange(exhaustion.GetProperty(key).GetDouble(), 0, 1);
        }

        Assert.Equal(30, exhaustion.GetProperty("lead_minutes").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("series").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(outDir, "backtest-cpu.json")));
        Assert.NotEmpty(Directory.GetFiles(outDir, "forecast-cpu-*.svg"));
        Assert.True(File.Exists(Path.Combine(outDir, "reliability-cpu.svg")));
        var current = File.ReadAllText(Path.Combine(modelsDir, "global_gbm-cpu", "current")).Trim();
        Assert.True(File.Exists(Path.Combine(modelsDir, "global_gbm-cpu", current, "model.bin")));
        Assert.Contains("promoted to current", result.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task DetectJson_ListsAlertsAndScoresPerFile()
    {
        var result = await PmProcess.RunAsync(["detect", "--data", _dir, "--format", "csv", "--metric", "memory", "--json"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.LastLine);
        var files = doc.RootElement.GetProperty("files");
        Assert.Equal(["fleet/vm0.csv", "fleet/vm1.csv"], files.EnumerateObject().Select(p => p.Name).Order());
        var vm0 = files.GetProperty("fleet/vm0.csv");
        Assert.Contains("2026-01-08 11:20:00", vm0.GetProperty("alerts").EnumerateArray().Select(a => a.GetString()));
        var scores = vm0.GetProperty("scores");
        Assert.Equal(5 * 288, scores.GetArrayLength());
        Assert.All(scores.EnumerateArray(), s => Assert.InRange(s[1].GetDouble(), 0, 1));
    }

    [Fact(Timeout = 180_000)]
    public async Task BenchForecastJson_LastLineHasTheFigures()
    {
        var result = await PmProcess.RunAsync(["bench", "forecast", "--servers", "200", "--training-series", "20", "--days", "4", "--json"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.LastLine);
        var root = doc.RootElement;
        Assert.Equal(200, root.GetProperty("servers").GetInt32());
        Assert.Equal(20, root.GetProperty("training_series").GetInt32());
        foreach (var key in new[] { "inference_s", "training_s", "peak_mb" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData(new[] { "backtest", "--horizon", "soon" }, "--horizon must look like")]
    [InlineData(new[] { "backtest", "--format", "xml" }, "--format must be bitbrains, nab or csv")]
    [InlineData(new[] { "backtest", "--levels", "90,120" }, "--levels must be percentages")]
    [InlineData(new[] { "detect", "--data", "/nonexistent-pm-dir" }, "--data: directory")]
    [InlineData(new[] { "backtest", "--format", "bitbrains", "--metric", "gpu" }, "--metric for bitbrains must be cpu, memory, disk or network")]
    [InlineData(new[] { "bench", "forecast", "--servers", "0" }, "--servers must be an integer")]
    public async Task BadForecastArguments_NameTheProblemAndExit2(string[] args, string expected)
    {
        var result = await PmProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
