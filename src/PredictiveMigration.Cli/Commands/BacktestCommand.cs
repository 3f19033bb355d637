using System.Globalization;
using PredictiveMigration.Cli.Forecasting;
using PredictiveMigration.Forecasting.Backtesting;
using PredictiveMigration.Forecasting.Models;
using PredictiveMigration.Forecasting.Persistence;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Cli.Commands;

/// <summary>
/// <c>pm backtest --data DIR --format bitbrains|nab|csv --metric cpu|memory|disk|network|COLUMN --horizon 60m
/// [--levels 80,90,95] [--lead 30m] [--threshold N] [--series N] [--no-global] [--out DIR] [--models DIR] [--json]</c>.
/// Rolling-origin evaluation of every model; with --json the last line is the JSON contract (<see cref="BacktestJson"/>).
/// </summary>
internal static class BacktestCommand
{
    public static async Task<int> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        var format = ForecastOptions.Format(line, TraceFormat.Bitbrains);
        var metric = ForecastOptions.Metric(line, format);
        var horizon = line.Duration("horizon", TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        var lead = line.Duration("lead", TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        var levels = ForecastOptions.Levels(line);
        var maxSeries = line.Int("series", 10_000, 1, 10_000);
        var thresholdText = line.String("threshold");
        double? threshold = thresholdText is null ? null
            : double.TryParse(thresholdText, NumberStyles.Float, CultureInfo.InvariantCulture, out var th) ? th
            : throw new UsageException($"--threshold must be a number (was '{thresholdText}')");
        var noGlobal = line.Flag("no-global");
        var outDir = line.String("out");
        var modelsDir = line.String("models");
        var json = line.Flag("json");
        var dataOption = line.String("data");
        line.RejectUnknown();
        var dir = ForecastOptions.DataDirectory(dataOption, format);

        var step = SeriesGrid.DefaultStep;
        if (lead > horizon)
        {
            throw new UsageException($"--lead ({lead.TotalMinutes}m) must not exceed --horizon ({horizon.TotalMinutes}m)");
        }

        Console.Error.WriteLine($"pm backtest: {format} {metric} from {dir}, horizon {horizon.TotalMinutes} min, lead {lead.TotalMinutes} min");
        if (ForecastOptions.ReadForCommand("backtest", dir, format, metric) is not { } files)
        {
            return 1;
        }

        var options = new BacktestOptions
        {
            HorizonSteps = (int)(horizon.Ticks / step.Ticks),
            LeadSteps = (int)(lead.Ticks / step.Ticks),
            Levels = levels,
            Threshold = threshold,
            Global = noGlobal ? null : new GlobalModelOptions(),
        };
        BacktestReport report;
        try
        {
            report = new Backtester(options).Run(files.Take(maxSeries).Select(f => f.Series).ToList(), new Progress<string>(m => Console.Error.WriteLine($"  {m}")));
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"pm backtest: {ex.Message}");
            return 1;
        }

        PrintTable(report, levels);
        if (outDir is not null)
        {
            WriteOutputs(report, outDir);
        }

        if (modelsDir is not null && report.GlobalModel is { } model)
        {
            await SaveModelAsync(report, model, modelsDir, cancellationToken).ConfigureAwait(false);
        }

        if (json)
        {
            Console.WriteLine(BacktestJson.Write(report));
        }

        return 0;
    }

    /// <summary>Saves the global model with its training window and scores, and promotes it if its calibration MAE beats the current one.</summary>
    private static async Task SaveModelAsync(BacktestReport report, GlobalGbmModel model, string modelsDir, CancellationToken cancellationToken)
    {
        var store = new FileSystemModelStore(modelsDir);
        using var payload = new MemoryStream();
        model.Save(payload);
        var name = $"{GlobalGbmForecaster.ModelName}-{report.Metric}";
        var version = string.Create(CultureInfo.InvariantCulture, $"{report.TrainedTo:yyyyMMddHHmm}-{model.Version}");
        var scores = new Dictionary<string, double>
        {
            // Promotion compares calibration MAE: the test part stays untouched by every decision.
            ["mae"] = report.CalibrationMae[GlobalGbmForecaster.ModelName],
            ["test_mae"] = report.Models[GlobalGbmForecaster.ModelName].Mae,
        };
        await store.SaveAsync(new ModelArtifact(name, version, report.TrainedFrom, report.TrainedTo, scores, payload.ToArray()), cancellationToken).ConfigureAwait(false);
        var promoted = await store.PromoteIfBetterAsync(name, version, "mae", cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"  saved model {name}/{version} to {modelsDir}; {(promoted ? "promoted to current" : "not promoted (current model is at least as good)")}");
    }

    private static void PrintTable(BacktestReport report, IReadOnlyList<double> levels)
    {
        var c = CultureInfo.InvariantCulture;
        var keys = levels.Select(l => Math.Round(l * 100).ToString(c)).ToList();
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"{report.Metric}, horizon {report.HorizonSteps * report.Step.TotalMinutes} min, {report.Series.Count} series; test = last 20 % of each series; selected on calibration: {report.Selected}"));
        Console.WriteLine($"| model           |      MAE |  sMAPE | MASE(naive) | MASE(seas.) | pinball | {string.Join(" | ", keys.Select(k => $"cov{k,-3}"))} | width90 | calib MAE |");
        Console.WriteLine($"|-----------------|----------|--------|-------------|-------------|---------|{string.Join("|", keys.Select(_ => "--------"))}|---------|-----------|");
        foreach (var (name, m) in report.Models.OrderBy(kv => kv.Value.Mae))
        {
            var cov = string.Join(" | ", keys.Select(k => m.Coverage.TryGetValue(k, out var v) ? v.ToString("F3", c).PadLeft(6) : "     -"));
            var width = m.Width.TryGetValue("90", out var w90) ? w90 : double.NaN;
            var marker = name == report.Selected ? "*" : " ";
            Console.WriteLine(string.Create(c, $"| {marker}{name,-14} | {m.Mae,8:F4} | {m.Smape,6:F2} | {m.Mase,11:F4} | {m.MaseSeasonal,11:F4} | {m.Pinball,7:F4} | {cov} | {width,7:F3} | {report.CalibrationMae.GetValueOrDefault(name),9:F4} |"));
        }

        var e = report.Exhaustion;
        Console.WriteLine(string.Create(c, $"exhaustion alerts ({report.Selected}; rule chosen on calibration: p >= {e.AlertProbability:F2} at {e.AlertConsecutive} consecutive origin(s){(e.AlertHistoryGate ? ", only after the threshold was reached within a week" : "")}{(e.AlertFleet > 0 ? $", or a leader (p >= {e.AlertFleet:F2}) just rose" : "")}; threshold {e.Threshold:0.#}, lead >= {e.LeadMinutes} min): precision {e.Precision:F3}, recall {e.Recall:F3}, F1 {e.F1:F3} ({e.Detected}/{e.Events} events, {e.TrueAlerts}/{e.Alerts} alerts)"));
        if (report.GlobalModelVersion is { } v)
        {
            Console.WriteLine(string.Create(c, $"global model {v} trained in {report.TrainingSeconds:F1} s"));
        }
    }

    private static void WriteOutputs(BacktestReport report, string outDir)
    {
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, $"backtest-{report.Metric}.json"), BacktestJson.Write(report, indented: true));
        File.WriteAllText(Path.Combine(outDir, $"reliability-{report.Metric}.svg"), SvgCharts.Reliability($"Interval coverage, {report.Metric}", report.Models));
        // A few series: the ones with the most exhaustion events first, then the most variable.
        var chosen = report.Series
            .OrderByDescending(s => s.Exhaustion.Events)
            .ThenByDescending(s => s.Models[NaiveForecaster.ModelName].Mae)
            .Take(3);
        foreach (var s in chosen)
        {
            var name = string.Concat(s.Id.Select(ch => char.IsLetterOrDigit(ch) ? ch : '_'));
            File.WriteAllText(Path.Combine(outDir, $"forecast-{report.Metric}-{name}.svg"), SvgCharts.Forecast($"{s.Id} {report.Metric}: {report.Selected} at +{report.HorizonSteps * report.Step.TotalMinutes} min", s.Chart, 2 * 288));
        }

        Console.Error.WriteLine($"  wrote JSON and SVG charts to {outDir}");
    }
}
