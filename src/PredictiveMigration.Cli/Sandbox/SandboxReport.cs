using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PredictiveMigration.Functions.Dashboard;
using PredictiveMigration.Sandbox.Cloud;
using PredictiveMigration.Sandbox.Fleet;

namespace PredictiveMigration.Cli.Sandbox;

/// <summary>
/// The figures of a sandbox run (<c>report.json</c>; the key names are a contract read by other tools: only add).
/// Exhaustion events and downtime count what started in the live window, in this run and in the counterfactual run
/// (the same fleet and seed, every server left on its initial size, no app), so the difference is what prediction did.
/// </summary>
internal sealed record SandboxFigures
{
    [JsonPropertyName("servers")] public int Servers { get; init; }
    [JsonPropertyName("seed")] public int Seed { get; init; }
    [JsonPropertyName("speed")] public double Speed { get; init; }
    [JsonPropertyName("wall_seconds")] public double WallSeconds { get; init; }
    [JsonPropertyName("simulated_from")] public DateTimeOffset SimulatedFrom { get; init; }
    [JsonPropertyName("simulated_to")] public DateTimeOffset SimulatedTo { get; init; }
    [JsonPropertyName("simulated_hours")] public double SimulatedHours { get; init; }
    [JsonPropertyName("events_ingested")] public long EventsIngested { get; init; }
    [JsonPropertyName("events_sent")] public long EventsSent { get; init; }
    [JsonPropertyName("forecast_runs")] public long ForecastRuns { get; init; }
    [JsonPropertyName("forecasts")] public long Forecasts { get; init; }
    [JsonPropertyName("servers_at_risk")] public int ServersAtRisk { get; init; }
    [JsonPropertyName("migrations_started")] public int MigrationsStarted { get; init; }
    [JsonPropertyName("migrations_completed")] public int MigrationsCompleted { get; init; }
    [JsonPropertyName("migrations_rolled_back")] public int MigrationsRolledBack { get; init; }
    [JsonPropertyName("migrations_failed")] public int MigrationsFailed { get; init; }
    [JsonPropertyName("exhaustion_events")] public int ExhaustionEvents { get; init; }
    [JsonPropertyName("exhaustion_events_counterfactual")] public int ExhaustionEventsCounterfactual { get; init; }
    [JsonPropertyName("failures")] public int Failures { get; init; }
    [JsonPropertyName("failures_counterfactual")] public int FailuresCounterfactual { get; init; }
    [JsonPropertyName("requests_sent")] public long RequestsSent { get; init; }
    [JsonPropertyName("requests_failed")] public long RequestsFailed { get; init; }
    [JsonPropertyName("downtime_seconds")] public double DowntimeSeconds { get; init; }
    [JsonPropertyName("downtime_seconds_counterfactual")] public double DowntimeSecondsCounterfactual { get; init; }
    [JsonPropertyName("cost_per_month_before")] public double CostPerMonthBefore { get; init; }
    [JsonPropertyName("cost_per_month_after")] public double CostPerMonthAfter { get; init; }
    [JsonPropertyName("cost_delta_per_month")] public double CostDeltaPerMonth { get; init; }
    [JsonPropertyName("forecast_points_scored")] public int ForecastPointsScored { get; init; }
    [JsonPropertyName("forecast_mae_cpu")] public double? ForecastMaeCpu { get; init; }
    [JsonPropertyName("naive_mae_cpu")] public double? NaiveMaeCpu { get; init; }
    [JsonPropertyName("forecast_coverage_80_cpu")] public double? ForecastCoverage80Cpu { get; init; }
    [JsonPropertyName("model")] public string Model { get; init; } = "";

    /// <summary>The same CPU accuracy per model that made the forecast (baseline before the first model, global_gbm, analog+…).</summary>
    [JsonPropertyName("forecast_cpu_by_model")] public IReadOnlyDictionary<string, ModelAccuracy> ForecastCpuByModel { get; init; } = new Dictionary<string, ModelAccuracy>();
}

/// <summary>CPU forecast accuracy of one model in the sandbox: points scored, MAE, the last value's MAE on the same points, share inside the 80 % band.</summary>
internal sealed record ModelAccuracy(
    [property: JsonPropertyName("points")] int Points,
    [property: JsonPropertyName("mae")] double Mae,
    [property: JsonPropertyName("naive_mae")] double NaiveMae,
    [property: JsonPropertyName("coverage_80")] double Coverage80);

internal static class SandboxReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Gathers the figures: the fleet's ground truth, the counterfactual, the cloud's VM sizes, the API's migrations and metrics.</summary>
    public static async Task<(SandboxFigures Figures, FleetRunResult Live, FleetRunResult Counterfactual)> GatherAsync(
        SandboxWorld world, SandboxMonitor monitor, HttpClient api, TimeSpan wall, CancellationToken ct)
    {
        var live = world.Fleet.Snapshot();
        var counterfactual = world.Fleet.RunCounterfactual(world.Fleet.NextSampleTime - world.FleetOptions.Start);
        var from = world.LiveStart;
        var to = world.Fleet.NextSampleTime;
        bool InWindow(DateTimeOffset t) => t >= from && t < to;
        double Downtime(FleetRunResult r) => r.Failures.Where(f => InWindow(f.At))
            .Sum(f => Math.Min(world.FleetOptions.RecoveryTime.TotalSeconds, (to - f.At).TotalSeconds));

        var catalog = CloudCatalog.Default();
        var multiplier = catalog.Region(world.FleetOptions.Region)?.PriceMultiplier ?? 1;
        double Monthly(string size) => (catalog.Size(size)?.PricePerHour ?? 0) * multiplier * 730;
        var before = world.Fleet.Servers.Sum(s => Monthly(s.InitialSize));
        var capacity = new CloudCapacitySource(world.Compute, world.FleetOptions.ResourceGroup, world.FleetOptions.Sizes, TimeProvider.System, TimeSpan.Zero);
        var now = await capacity.GetCapacitiesAsync(world.Fleet.ServerIds.ToList(), ct).ConfigureAwait(false);
        var after = world.Fleet.Servers.Sum(s => Monthly(now.TryGetValue(s.ServerId, out var c) ? c.Size : s.InitialSize));

        var accuracy = await ScoreForecastsAsync(monitor.ObservedForecasts, api, ct).ConfigureAwait(false);
        var migrations = monitor.Migrations.Values.ToList();
        var figures = new SandboxFigures
        {
            Servers = world.Fleet.Servers.Count,
            Seed = world.FleetOptions.Seed,
            Speed = world.Settings.Speed,
            WallSeconds = Math.Round(wall.TotalSeconds, 1),
            SimulatedFrom = from,
            SimulatedTo = to,
            SimulatedHours = Math.Round((to - from).TotalHours, 2),
            EventsIngested = world.EventsIngested,
            EventsSent = world.Agents.EventsSent,
            ForecastRuns = monitor.ForecastRuns,
            Forecasts = monitor.Forecasts,
            ServersAtRisk = monitor.AtRisk,
            MigrationsStarted = migrations.Count(m => m.Status is not ("Scheduled" or "AwaitingApproval" or "Rejected")),
            MigrationsCompleted = migrations.Count(m => m.Status == "Completed"),
            MigrationsRolledBack = migrations.Count(m => m.Status == "RolledBack"),
            MigrationsFailed = migrations.Count(m => m.Status == "Failed"),
            ExhaustionEvents = live.ExhaustionEvents.Count(e => InWindow(e.Start)),
            ExhaustionEventsCounterfactual = counterfactual.ExhaustionEvents.Count(e => InWindow(e.Start)),
            Failures = live.Failures.Count(f => InWindow(f.At)),
            FailuresCounterfactual = counterfactual.Failures.Count(f => InWindow(f.At)),
            RequestsSent = world.Traffic.Sent,
            RequestsFailed = world.Traffic.Failed,
            DowntimeSeconds = Math.Round(Downtime(live)),
            DowntimeSecondsCounterfactual = Math.Round(Downtime(counterfactual)),
            CostPerMonthBefore = Math.Round(before, 2),
            CostPerMonthAfter = Math.Round(after, 2),
            CostDeltaPerMonth = Math.Round(after - before, 2),
            ForecastPointsScored = accuracy.Points,
            ForecastMaeCpu = accuracy.Mae,
            NaiveMaeCpu = accuracy.NaiveMae,
            ForecastCoverage80Cpu = accuracy.Coverage80,
            ForecastCpuByModel = accuracy.ByModel,
            Model = monitor.LastModel,
        };
        return (figures, live, counterfactual);
    }

    /// <summary>
    /// Scores the CPU forecasts the monitor saw against what the servers then reported (the app's own 1-minute rollups,
    /// averaged over each forecast step), with the last value before the forecast's origin as the naive baseline.
    /// </summary>
    private static async Task<(int Points, double? Mae, double? NaiveMae, double? Coverage80, Dictionary<string, ModelAccuracy> ByModel)> ScoreForecastsAsync(IReadOnlyList<ObservedForecast> forecasts, HttpClient api, CancellationToken ct)
    {
        double errors = 0, naiveErrors = 0;
        int points = 0, covered = 0;
        var byModel = new SortedDictionary<string, (double Errors, double NaiveErrors, int Points, int Covered)>(StringComparer.Ordinal);
        foreach (var group in forecasts.GroupBy(f => f.ServerId))
        {
            var first = group.Min(f => f.Origin) - TimeSpan.FromHours(1);
            var last = group.Max(f => f.Points.Count == 0 ? f.Origin : f.Points[^1].Time) + TimeSpan.FromMinutes(10);
            var actual = await ReadCpuAsync(api, group.Key, first, last, ct).ConfigureAwait(false);
            if (actual.Count == 0)
            {
                continue;
            }

            foreach (var f in group)
            {
                var before = actual.LastOrDefault(a => a.Time < f.Origin);
                if (before == default)
                {
                    continue;
                }

                for (var i = 0; i < f.Points.Count; i++)
                {
                    var p = f.Points[i];
                    var step = i > 0 ? p.Time - f.Points[i - 1].Time : f.Points.Count > 1 ? f.Points[1].Time - p.Time : TimeSpan.FromMinutes(5);
                    var window = actual.Where(a => a.Time >= p.Time - (step / 2) && a.Time < p.Time + (step / 2)).ToList();
                    if (window.Count < Math.Max(1, (int)(step.TotalMinutes / 2)))
                    {
                        continue;
                    }

                    var truth = window.Average(a => a.Value);
                    errors += Math.Abs(p.Value - truth);
                    naiveErrors += Math.Abs(before.Value - truth);
                    var inside = truth >= p.Lower80 && truth <= p.Upper80 ? 1 : 0;
                    covered += inside;
                    points++;
                    var m = byModel.GetValueOrDefault(f.Model);
                    byModel[f.Model] = (m.Errors + Math.Abs(p.Value - truth), m.NaiveErrors + Math.Abs(before.Value - truth), m.Points + 1, m.Covered + inside);
                }
            }
        }

        var perModel = byModel.ToDictionary(kv => kv.Key, kv => new ModelAccuracy(kv.Value.Points, Math.Round(kv.Value.Errors / kv.Value.Points, 3), Math.Round(kv.Value.NaiveErrors / kv.Value.Points, 3), Math.Round((double)kv.Value.Covered / kv.Value.Points, 3)), StringComparer.Ordinal);
        return points == 0
            ? (0, null, null, null, perModel)
            : (points, Math.Round(errors / points, 3), Math.Round(naiveErrors / points, 3), Math.Round((double)covered / points, 3), perModel);
    }

    private static async Task<List<TimePoint>> ReadCpuAsync(HttpClient api, string serverId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var url = string.Create(CultureInfo.InvariantCulture,
            $"api/servers/{Uri.EscapeDataString(serverId)}/metrics?metric=cpuPercent&from={from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&to={to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&resolution=1m");
        using var response = await api.GetAsync(url, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
        var series = body.GetProperty("series");
        return series.GetArrayLength() == 0
            ? []
            : [.. series[0].GetProperty("points").EnumerateArray()
                .Where(p => !p.TryGetProperty("gap", out _) && p.TryGetProperty("mean", out _))
                .Select(p => new TimePoint(p.GetProperty("t").GetDateTimeOffset(), p.GetProperty("mean").GetDouble()))];
    }

    /// <summary>Writes <c>report.json</c>, <c>report.md</c> and the SVG charts into <paramref name="directory"/>.</summary>
    public static async Task WriteAsync(string directory, SandboxFigures f, FleetRunResult live, FleetRunResult counterfactual, SandboxMonitor monitor, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(f, Json) + "\n", ct).ConfigureAwait(false);

        var samples = monitor.Samples;
        var progress = new SvgTimeChart("sandbox-progress", "Servers at risk and migrations over simulated time", 900, 300) { MinValue = 0 }
            .Line("servers at risk", [.. samples.Select(s => new TimePoint(s.At, s.AtRisk))])
            .Line("migrations active", [.. samples.Select(s => new TimePoint(s.At, s.Active))])
            .Line("migrations completed", [.. samples.Select(s => new TimePoint(s.At, s.Completed))], dashed: true)
            .Line("migrations rolled back", [.. samples.Select(s => new TimePoint(s.At, s.RolledBack + s.Failed))], dashed: true);
        await File.WriteAllTextAsync(Path.Combine(directory, "progress.svg"), progress.Render(), ct).ConfigureAwait(false);

        var ingest = new SvgTimeChart("sandbox-ingest", "Events ingested (cumulative)", 900, 260) { MinValue = 0 }
            .Line("events", [.. samples.Select(s => new TimePoint(s.At, s.EventsIngested))]);
        await File.WriteAllTextAsync(Path.Combine(directory, "ingest.svg"), ingest.Render(), ct).ConfigureAwait(false);

        var outcomes = SvgBarChart.Render("sandbox-outcomes", "This run against the counterfactual (prediction off)",
        [
            ("exhaustion events", f.ExhaustionEvents),
            ("  counterfactual", f.ExhaustionEventsCounterfactual),
            ("failures", f.Failures),
            ("  counterfactual", f.FailuresCounterfactual),
            ("downtime (min)", f.DowntimeSeconds / 60),
            ("  counterfactual", f.DowntimeSecondsCounterfactual / 60),
        ], Math.Max(1, new[] { f.ExhaustionEvents, f.ExhaustionEventsCounterfactual, f.Failures, f.FailuresCounterfactual, f.DowntimeSeconds / 60, f.DowntimeSecondsCounterfactual / 60 }.Max()),
            v => ("bar", "#4e79a7"), 900);
        await File.WriteAllTextAsync(Path.Combine(directory, "outcomes.svg"), outcomes, ct).ConfigureAwait(false);

        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), Markdown(f, live, counterfactual, monitor), ct).ConfigureAwait(false);
    }

    private static string Markdown(SandboxFigures f, FleetRunResult live, FleetRunResult counterfactual, SandboxMonitor monitor)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine("# Sandbox run").AppendLine();
        sb.AppendLine(inv, $"{f.Servers} servers (seed {f.Seed}), {f.SimulatedHours:0.#} simulated hours from {f.SimulatedFrom:yyyy-MM-dd HH:mm}Z to {f.SimulatedTo:yyyy-MM-dd HH:mm}Z in {f.WallSeconds:0} s of real time ({f.Speed:0.#}x). Model: {(f.Model.Length == 0 ? "none yet" : f.Model)}.").AppendLine();
        sb.AppendLine("![progress](progress.svg)").AppendLine();
        sb.AppendLine("| | this run | prediction off (counterfactual) |").AppendLine("|---|---:|---:|");
        sb.AppendLine(inv, $"| exhaustion events (CPU ≥ 90 % or memory ≥ 95 % for 3 samples) | {f.ExhaustionEvents} | {f.ExhaustionEventsCounterfactual} |");
        sb.AppendLine(inv, $"| failures (hardware, out of memory) | {f.Failures} | {f.FailuresCounterfactual} |");
        sb.AppendLine(inv, $"| downtime (simulated) | {f.DowntimeSeconds / 60:0} min | {f.DowntimeSecondsCounterfactual / 60:0} min |");
        sb.AppendLine(inv, $"| cost per month | {f.CostPerMonthAfter:0.00} | {f.CostPerMonthBefore:0.00} |").AppendLine();
        sb.AppendLine("![outcomes](outcomes.svg)").AppendLine();
        sb.AppendLine("## Pipeline").AppendLine();
        sb.AppendLine(inv, $"- events ingested: {f.EventsIngested:N0} (sent by the agents: {f.EventsSent:N0})");
        sb.AppendLine(inv, $"- forecast runs: {f.ForecastRuns:N0}, server forecasts: {f.Forecasts:N0}, servers at risk at the last run: {f.ServersAtRisk}");
        sb.AppendLine(inv, $"- user traffic through the proxy that follows the traffic profiles: {f.RequestsSent:N0} requests, {f.RequestsFailed:N0} failed");
        sb.AppendLine(inv, $"- migrations: {f.MigrationsStarted} started, {f.MigrationsCompleted} completed, {f.MigrationsRolledBack} rolled back, {f.MigrationsFailed} failed; cost delta {f.CostDeltaPerMonth:+0.00;-0.00;0} per month");
        sb.AppendLine(f.ForecastMaeCpu is null
            ? "- forecast accuracy: no forecast could be scored yet (run longer)"
            : string.Create(inv, $"- CPU forecast accuracy over {f.ForecastPointsScored} points (horizons up to 1 h): MAE {f.ForecastMaeCpu:0.00} points of CPU % against {f.NaiveMaeCpu:0.00} for the last value; 80 % interval coverage {f.ForecastCoverage80Cpu:P0}"));
        foreach (var (model, a) in f.ForecastCpuByModel)
        {
            sb.AppendLine(inv, $"  - by `{model}`: {a.Points} points, MAE {a.Mae:0.00} against {a.NaiveMae:0.00} for the last value, 80 % coverage {a.Coverage80:P0}");
        }

        sb.AppendLine().AppendLine("![ingest](ingest.svg)").AppendLine();
        var migrations = monitor.Migrations.Values.OrderBy(m => m.MigrationId, StringComparer.Ordinal).ToList();
        if (migrations.Count > 0)
        {
            sb.AppendLine("## Migrations").AppendLine().AppendLine("| migration | server | strategy | status | reason / outcome |").AppendLine("|---|---|---|---|---|");
            foreach (var m in migrations)
            {
                sb.AppendLine(inv, $"| {m.MigrationId} | {m.ServerId} | {m.Strategy} | {m.Status} | {Cell(m.Outcome ?? m.Reason)} |");
            }

            sb.AppendLine();
        }

        var liveEvents = live.ExhaustionEvents.Where(e => e.Start >= f.SimulatedFrom && e.Start < f.SimulatedTo).ToList();
        var cfEvents = counterfactual.ExhaustionEvents.Where(e => e.Start >= f.SimulatedFrom && e.Start < f.SimulatedTo).ToList();
        sb.AppendLine("## Exhaustion events").AppendLine().AppendLine("| server | resource | start | this run | counterfactual |").AppendLine("|---|---|---|---|---|");
        foreach (var key in liveEvents.Select(e => (e.ServerId, e.Resource)).Concat(cfEvents.Select(e => (e.ServerId, e.Resource))).Distinct().Order())
        {
            var l = liveEvents.Where(e => (e.ServerId, e.Resource) == key).ToList();
            var c = cfEvents.Where(e => (e.ServerId, e.Resource) == key).ToList();
            var start = l.Concat(c).Min(e => e.Start);
            sb.AppendLine(inv, $"| {key.ServerId} | {key.Resource} | {start:MM-dd HH:mm} | {l.Count} | {c.Count} |");
        }

        return sb.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
