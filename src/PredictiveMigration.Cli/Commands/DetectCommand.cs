using System.Globalization;
using System.Text;
using System.Text.Json;
using PredictiveMigration.Cli.Forecasting;
using PredictiveMigration.Forecasting.Anomaly;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Cli.Commands;

/// <summary>
/// <c>pm detect --data DIR --format nab|bitbrains|csv [--metric …] [--json]</c>: the online anomaly detector over every
/// file. Prints a NAB-style score per labelled file; with --json the last line is
/// <c>{"files": {"&lt;path relative to DIR&gt;": {"alerts": ["&lt;timestamp&gt;", …], "scores": [["&lt;timestamp&gt;", 0..1], …]}}}</c>.
/// </summary>
internal static class DetectCommand
{
    /// <summary>NAB files that are not server metrics; scored separately from the server summary (see the data README).</summary>
    private static readonly string[] NonServer = ["ambient_temperature", "machine_temperature", "nyc_taxi", "rogue_agent"];

    public static int Run(CommandLine line)
    {
        var format = ForecastOptions.Format(line, TraceFormat.Nab);
        var metric = ForecastOptions.Metric(line, format);
        var json = line.Flag("json");
        var dataOption = line.String("data");
        line.RejectUnknown();
        var dir = ForecastOptions.DataDirectory(dataOption, format);

        Console.Error.WriteLine($"pm detect: {format} {metric} from {dir}");
        if (ForecastOptions.ReadForCommand("detect", dir, format, metric) is not { } files)
        {
            return 1;
        }

        var labels = NabLabels.Find(dir);
        var detector = new OnlineAnomalyDetector(new AnomalyOptions());
        var c = CultureInfo.InvariantCulture;
        var server = NabScore.Zero;
        var all = NabScore.Zero;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("files");
            Console.WriteLine("| file                                                   | points | alerts | windows | caught | FP | NAB score |");
            Console.WriteLine("|--------------------------------------------------------|--------|--------|---------|--------|----|-----------|");
            foreach (var (relative, series) in files)
            {
                var result = detector.Run(series);
                w.WriteStartObject(relative);
                w.WriteStartArray("alerts");
                foreach (var a in result.Alerts)
                {
                    w.WriteStringValue(Stamp(series.TimeAt(a)));
                }

                w.WriteEndArray();
                w.WriteStartArray("scores");
                for (var i = 0; i < series.Length; i++)
                {
                    if (!series.Observed[i])
                    {
                        continue;
                    }

                    w.WriteStartArray();
                    w.WriteStringValue(Stamp(series.TimeAt(i)));
                    w.WriteNumberValue(double.IsFinite(result.Scores[i]) ? Math.Round(result.Scores[i], 4) : 0);
                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteEndObject();

                var fileLabels = NabLabels.For(labels, relative);
                var scoreText = "         -";
                var windowsText = "      -";
                if (fileLabels is not null)
                {
                    var windows = fileLabels.Select(l => (Index(series, l.Start), Index(series, l.End))).ToList();
                    var score = NabScorer.Score(series.Length, windows, result.Alerts);
                    all = all.Add(score);
                    if (!NonServer.Any(n => relative.Contains(n, StringComparison.Ordinal)))
                    {
                        server = server.Add(score);
                    }

                    scoreText = score.Normalised.ToString("F1", c).PadLeft(10);
                    windowsText = string.Create(c, $"{score.Windows,7} | {score.Detected,6} | {score.FalsePositives,2}");
                }
                else
                {
                    windowsText = "      - |      - |  -";
                }

                Console.WriteLine(string.Create(c, $"| {Trim(relative),-54} | {series.Length,6} | {result.Alerts.Count,6} | {windowsText} | {scoreText}|"));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        if (all.Windows > 0)
        {
            Console.WriteLine(string.Create(c, $"NAB standard profile, server metrics: {server.Normalised:F1} ({server.Detected}/{server.Windows} windows caught, {server.FalsePositives} false positives); all labelled files: {all.Normalised:F1}"));
        }

        if (json)
        {
            Console.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        }

        return 0;
    }

    private static int Index(PreparedSeries series, long unixSeconds) =>
        (int)Math.Clamp((unixSeconds - series.Start.ToUnixTimeSeconds()) / (long)series.Step.TotalSeconds, 0, series.Length - 1);

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Trim(string s) => s.Length <= 54 ? s : "…" + s[^53..];
}
