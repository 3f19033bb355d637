using System.Text;
using System.Text.Json;
using PredictiveMigration.Forecasting.Backtesting;

namespace PredictiveMigration.Cli.Forecasting;

/// <summary>
/// The <c>pm backtest --json</c> contract: one line,
/// <c>{"overall": {"selected", "models": {name: {mae, smape, mase, mase_seasonal, coverage, width, pinball, count}}, "exhaustion": {precision, recall, f1, lead_minutes, …}}, "series": [...]}</c>.
/// </summary>
internal static class BacktestJson
{
    public static string Write(BacktestReport report, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteStartObject("overall");
            w.WriteString("metric", report.Metric);
            w.WriteNumber("horizon_minutes", (int)(report.Step.TotalMinutes * report.HorizonSteps));
            w.WriteString("selected", report.Selected);
            if (report.GlobalModelVersion is { } v)
            {
                w.WriteString("model_version", v);
            }

            w.WriteNumber("training_s", Math.Round(report.TrainingSeconds, 2));
            WriteModels(w, report.Models);
            w.WriteStartObject("calibration_mae");
            foreach (var (name, mae) in report.CalibrationMae.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(name, Round(mae));
            }

            w.WriteEndObject();
            WriteExhaustion(w, report.Exhaustion);
            w.WriteNumber("series_count", report.Series.Count);
            w.WriteEndObject();
            w.WriteStartArray("series");
            foreach (var s in report.Series)
            {
                w.WriteStartObject();
                w.WriteString("id", s.Id);
                w.WriteNumber("points", s.Points);
                w.WriteNumber("test_targets", s.TestTargets);
                w.WriteNumber("seasonal_period_steps", s.SeasonalPeriod);
                w.WriteString("auto_choice", s.AutoChoice);
                WriteModels(w, s.Models);
                WriteExhaustion(w, s.Exhaustion);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("skipped");
            foreach (var s in report.Skipped)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteModels(Utf8JsonWriter w, IReadOnlyDictionary<string, ModelScores> models)
    {
        w.WriteStartObject("models");
        foreach (var (name, m) in models.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(name);
            w.WriteNumber("mae", Round(m.Mae));
            w.WriteNumber("smape", Round(m.Smape));
            w.WriteNumber("mase", Round(m.Mase));
            w.WriteNumber("mase_seasonal", Round(m.MaseSeasonal));
            w.WriteStartObject("coverage");
            foreach (var (level, c) in m.Coverage)
            {
                w.WriteNumber(level, Round(c));
            }

            w.WriteEndObject();
            w.WriteStartObject("width");
            foreach (var (level, c) in m.Width)
            {
                w.WriteNumber(level, Round(c));
            }

            w.WriteEndObject();
            w.WriteNumber("pinball", Round(m.Pinball));
            w.WriteNumber("count", m.Count);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteExhaustion(Utf8JsonWriter w, ExhaustionScores e)
    {
        w.WriteStartObject("exhaustion");
        w.WriteNumber("precision", Round(e.Precision));
        w.WriteNumber("recall", Round(e.Recall));
        w.WriteNumber("f1", Round(e.F1));
        w.WriteNumber("lead_minutes", e.LeadMinutes);
        w.WriteNumber("events", e.Events);
        w.WriteNumber("detected", e.Detected);
        w.WriteNumber("alerts", e.Alerts);
        w.WriteNumber("true_alerts", e.TrueAlerts);
        w.WriteNumber("flat_start_events", e.FlatStarts);
        if (double.IsFinite(e.AlertProbability))
        {
            w.WriteNumber("alert_probability", e.AlertProbability);
            w.WriteNumber("alert_consecutive", e.AlertConsecutive);
            w.WriteBoolean("alert_history_gate", e.AlertHistoryGate);
            w.WriteNumber("alert_fleet_leader_probability", e.AlertFleet);
            w.WriteNumber("threshold", e.Threshold);
        }

        w.WriteEndObject();
    }

    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 5) : -1;
}
