using System.Globalization;
using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Domain.Metrics.Query;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Forecasting.Service;
using PredictiveMigration.Functions.Hosting;

namespace PredictiveMigration.Functions.Dashboard;

/// <summary>
/// The dashboard's data endpoints beyond the plain API: one server's summary, the alerts list, and the charts, which
/// are SVG rendered here (<see cref="SvgTimeChart"/>, <see cref="SvgBarChart"/>, <see cref="SvgTimeline"/>) so the
/// page inlines them and tests find their elements by <c>data-*</c> attributes.
/// </summary>
public static class ChartFunctions
{
    /// <summary>How many servers the fleet-risk chart shows (the highest scores).</summary>
    public const int FleetChartServers = 30;

    /// <summary>How far back a server chart shows actuals.</summary>
    public static readonly TimeSpan ActualsWindow = TimeSpan.FromHours(6);

    private const string SvgContentType = "image/svg+xml; charset=utf-8";
    private static readonly TimeSpan ActualsResolution = TimeSpan.FromMinutes(5);

    /// <summary><c>GET /api/servers/{serverId}</c>: the inventory row with the latest risk summary (null when not assessed).</summary>
    public static async Task<IResult> GetServerAsync(string serverId, HttpContext context, IServerInventory inventory, IRiskStore risks)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.RequestAborted;
        var server = await inventory.GetAsync(serverId, ct).ConfigureAwait(false);
        if (server is null)
        {
            return Problems.Create(404, "Not found", $"no server '{serverId}' has reported metrics", "serverId");
        }

        var forecast = await risks.GetLatestAsync(serverId, ct).ConfigureAwait(false);
        var top = forecast?.Assessment.Resources.OrderByDescending(r => r.Score).FirstOrDefault(r => r.Score > 0);
        return Results.Json(new
        {
            serverId = server.ServerId,
            lastSeen = server.LastSeen,
            cpuCores = server.CpuCores,
            memoryTotalBytes = server.MemoryTotalBytes,
            agentVersion = server.AgentVersion,
            risk = forecast is null ? null : new
            {
                score = forecast.Assessment.Score,
                topResource = top is null ? null : ResourceName(top.Resource),
                topReason = forecast.Assessment.Reasons.Count == 0 ? null : forecast.Assessment.Reasons[0].Text,
                assessedAt = forecast.Assessment.AssessedAt,
                modelVersion = forecast.Assessment.ModelVersion,
            },
        });
    }

    /// <summary><c>GET /api/alerts?max=100</c>: the recent alerts, newest first, with their text, facts and delivery per subscription.</summary>
    public static async Task<IResult> ListAlertsAsync(HttpRequest request, IAlertLog alerts)
    {
        ArgumentNullException.ThrowIfNull(request);
        var maxText = request.Query["max"].ToString();
        var max = 100;
        if (maxText.Length > 0 && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > 1000))
        {
            return Problems.Create(400, "Invalid query", "max must be an integer from 1 to 1000", "max");
        }

        var entries = await alerts.ListRecentAsync(max, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return Results.Json(new
        {
            alerts = entries.Select(e => new
            {
                id = e.Alert.Id,
                kind = e.Alert.Kind.ToString(),
                severity = e.Alert.Severity.ToString(),
                title = e.Alert.Title,
                serverId = e.Alert.ServerId,
                migrationId = e.Alert.MigrationId,
                text = e.Alert.Text,
                facts = e.Alert.Facts.Select(f => new { name = f.Name, value = f.Value }),
                link = e.Alert.Link,
                occurredAt = e.Alert.OccurredAt,
                publishedAt = e.PublishedAt,
                delivery = e.Deliveries.Count == 0
                    ? "no subscription"
                    : string.Join("; ", e.Deliveries.Select(d => d.LastError is null ? $"{d.Subscription}: {d.State}" : $"{d.Subscription}: {d.State} ({d.LastError})")),
                deliveries = e.Deliveries.Select(d => new { subscription = d.Subscription, state = d.State.ToString(), attempts = d.Attempts, lastError = d.LastError }),
            }),
        });
    }

    /// <summary><c>GET /api/charts/fleet-risk.svg</c>: a bar per server for the <see cref="FleetChartServers"/> highest risk scores.</summary>
    public static async Task<IResult> FleetRiskAsync(HttpContext context, IRiskStore risks)
    {
        ArgumentNullException.ThrowIfNull(context);
        var latest = await risks.ListLatestAsync(context.RequestAborted).ConfigureAwait(false);
        var bars = latest.Take(FleetChartServers).Select(r => (r.ServerId, (double)r.Score)).ToList();
        return Svg(context, SvgBarChart.Render("fleet-risk", $"Risk score, top {bars.Count} servers", bars, 100, RiskColour));
    }

    /// <summary>
    /// <c>GET /api/charts/clusters.svg</c>: the fleet per CPU usage shape of the current model (<see cref="UsageClusterView"/>:
    /// one bar per shape, labelled with its peak hour, its length the number of servers that follow it). Before
    /// any model is promoted there are no shapes: then the assessed servers per risk band (high ≥ 70, medium 40-69,
    /// low &lt; 40, the dashboard's colours), titled as such.
    /// </summary>
    public static async Task<IResult> ClustersAsync(HttpContext context, IRiskStore risks, UsageClusterView clusters)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(clusters);
        var snapshot = await clusters.GetAsync(context.RequestAborted).ConfigureAwait(false);
        if (snapshot is not null)
        {
            var shapes = snapshot.Clusters.Select(c => (string.Create(CultureInfo.InvariantCulture, $"shape {c.Index + 1}, peak {c.PeakHour:00}:00"), (double)c.Servers.Count)).ToList();
            var most = shapes.Count == 0 ? 1 : Math.Max(1, shapes.Max(b => b.Item2));
            var title = string.Create(CultureInfo.InvariantCulture,
                $"Servers per CPU usage shape (model {snapshot.ModelVersion}{(snapshot.Unassigned > 0 ? $"; {snapshot.Unassigned} without hourly data" : "")})");
            return Svg(context, SvgBarChart.Render("usage-clusters", title, shapes, most, v => ("cluster", "#6366f1")));
        }

        var latest = await risks.ListLatestAsync(context.RequestAborted).ConfigureAwait(false);
        (string Label, double Value)[] bars = latest.Count == 0 ? [] :
        [
            ("high (≥ 70)", latest.Count(r => r.Score >= 70)),
            ("medium (40-69)", latest.Count(r => r.Score is >= 40 and < 70)),
            ("low (< 40)", latest.Count(r => r.Score < 40)),
        ];
        var max = bars.Length == 0 ? 1 : Math.Max(1, bars.Max(b => b.Value));
        return Svg(context, SvgBarChart.Render("risk-bands", "Servers per risk band (usage shapes appear with the first promoted model)", bars, max, v => ("band", "#6366f1")));
    }

    /// <summary><c>GET /api/charts/connectors.svg</c>: connectors per region.</summary>
    public static async Task<IResult> ConnectorsAsync(HttpContext context, IConnectorStore connectors)
    {
        ArgumentNullException.ThrowIfNull(context);
        var all = await connectors.ListConnectorsAsync(context.RequestAborted).ConfigureAwait(false);
        var bars = all.GroupBy(c => c.Region, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (double)g.Count())).ToList();
        var max = bars.Count == 0 ? 1 : bars.Max(b => b.Item2);
        return Svg(context, SvgBarChart.Render("connectors", "Connectors per region", bars, max, v => ("connectors", "#0ea5e9")));
    }

    /// <summary><c>GET /api/charts/migrations/{migrationId}/timeline.svg</c>: the migration's steps as a Gantt chart.</summary>
    public static async Task<IResult> MigrationTimelineAsync(string migrationId, HttpContext context, IMigrationStore migrations, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        var record = await migrations.GetAsync(migrationId, context.RequestAborted).ConfigureAwait(false);
        if (record is null)
        {
            return Problems.Create(404, "Not found", $"no migration '{migrationId}'", "migrationId");
        }

        var now = record.IsActive ? time.GetUtcNow() : record.UpdatedAt;
        return Svg(context, SvgTimeline.Render("migration-timeline", $"Migration {migrationId}", TimelineRows(record), now));
    }

    /// <summary>
    /// <c>GET /api/charts/servers/{serverId}/{resource}.svg</c> (cpu, memory, diskio, network): the actuals of the last
    /// 6 hours, the latest forecast dashed with its 90 % band, the threshold (cpu, memory) and a "now" marker.
    /// </summary>
    public static async Task<IResult> ServerChartAsync(
        string serverId, string resource, HttpContext context, IServerInventory inventory, MetricsQueryService queries, IRiskStore risks, ForecastingOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(options);
        if (!TryParseResource(resource, out var kind))
        {
            return Problems.Create(400, "Invalid route", $"unknown resource '{resource}'; known: cpu, memory, diskio, network", "resource");
        }

        var ct = context.RequestAborted;
        if (await inventory.GetAsync(serverId, ct).ConfigureAwait(false) is null)
        {
            return Problems.Create(404, "Not found", $"no server '{serverId}' has reported metrics", "serverId");
        }

        var now = time.GetUtcNow();
        var to = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % ActualsResolution.Ticks) + ActualsResolution.Ticks, TimeSpan.Zero);
        var query = new SeriesQuery(serverId, MetricsOf(kind), to - ActualsWindow, to, ActualsResolution);
        var series = await queries.GetSeriesAsync(query, ct).ConfigureAwait(false);
        var forecast = (await risks.GetLatestAsync(serverId, ct).ConfigureAwait(false))?.Assessment.PredictedLoad.FirstOrDefault(f => f.Resource == kind);

        var (title, unit) = kind switch
        {
            ResourceKind.Cpu => ("CPU", "%"),
            ResourceKind.Memory => ("Memory", "%"),
            ResourceKind.DiskIo => ("Disk I/O", " IOPS"),
            _ => ("Network", " B/s"),
        };
        var chart = new SvgTimeChart($"{ResourceName(kind)}", $"{title} — {serverId}")
        {
            Unit = unit,
            MinValue = 0,
            MaxValue = kind is ResourceKind.Cpu or ResourceKind.Memory ? 100 : null,
        };
        chart.Line("actual", Actuals(kind, series));
        if (forecast is not null && forecast.Points.Count > 0)
        {
            chart.Band("p90", forecast.Points.Select(p => new BandPoint(p.Time, p.Lower90, p.Upper90)).ToList());
            chart.Line("forecast", forecast.Points.Select(p => new TimePoint(p.Time, p.Value)).ToList(), dashed: true);
        }

        if (kind == ResourceKind.Cpu)
        {
            chart.Threshold("cpu", options.CpuThreshold);
        }
        else if (kind == ResourceKind.Memory)
        {
            chart.Threshold("memory", options.MemoryThreshold);
        }

        chart.Marker("now", now);
        return Svg(context, chart.Render());
    }

    /// <summary>The route name of a resource (<c>cpu</c>, <c>memory</c>, <c>diskio</c>, <c>network</c>).</summary>
    public static string ResourceName(ResourceKind kind) => kind switch
    {
        ResourceKind.Cpu => "cpu",
        ResourceKind.Memory => "memory",
        ResourceKind.DiskIo => "diskio",
        _ => "network",
    };

    /// <summary>One timeline row per step, in the order the steps started: from its first entry to the entry that ended it.</summary>
    public static IReadOnlyList<TimelineRow> TimelineRows(MigrationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var rows = new List<TimelineRow>();
        foreach (var group in record.Timeline.OrderBy(e => e.Sequence).GroupBy(e => e.Step))
        {
            var first = group.First();
            var last = group.Last();
            DateTimeOffset? end = last.State == MigrationStepState.Started
                ? (record.IsActive ? null : record.UpdatedAt)
                : last.At;
            rows.Add(new TimelineRow(group.Key.ToString(), first.At, end, last.State.ToString()));
        }

        return rows;
    }

    private static bool TryParseResource(string text, out ResourceKind kind)
    {
        kind = text switch
        {
            "cpu" => ResourceKind.Cpu,
            "memory" => ResourceKind.Memory,
            "diskio" => ResourceKind.DiskIo,
            "network" => ResourceKind.Network,
            _ => (ResourceKind)(-1),
        };
        return Enum.IsDefined(kind);
    }

    private static MetricKind[] MetricsOf(ResourceKind kind) => kind switch
    {
        ResourceKind.Cpu => [MetricKind.CpuPercent],
        ResourceKind.Memory => [MetricKind.MemoryUsedBytes, MetricKind.MemoryTotalBytes],
        ResourceKind.DiskIo => [MetricKind.DiskReadIops, MetricKind.DiskWriteIops],
        _ => [MetricKind.NetRxBytesPerSec, MetricKind.NetTxBytesPerSec],
    };

    /// <summary>The actual series in the forecast's unit: CPU %, memory used % of total, read + write IOPS, rx + tx bytes/s.</summary>
    private static List<TimePoint> Actuals(ResourceKind kind, IReadOnlyList<MetricSeries> series)
    {
        var points = new List<TimePoint>();
        if (series.Count == 0)
        {
            return points;
        }

        for (var i = 0; i < series[0].Points.Count; i++)
        {
            var p = series.Select(s => s.Points[i]).ToList();
            if (p.Any(x => x.IsGap))
            {
                continue;
            }

            var value = kind switch
            {
                ResourceKind.Memory => p[1].Stats.Mean > 0 ? 100 * p[0].Stats.Mean / p[1].Stats.Mean : double.NaN,
                ResourceKind.Cpu => p[0].Stats.Mean,
                _ => p[0].Stats.Mean + p[1].Stats.Mean,
            };
            if (double.IsFinite(value))
            {
                points.Add(new TimePoint(p[0].Start, value));
            }
        }

        return points;
    }

    private static (string, string) RiskColour(double score) =>
        score >= 70 ? ("high", "#dc2626") : score >= 40 ? ("medium", "#f59e0b") : ("low", "#16a34a");

    private static IResult Svg(HttpContext context, string svg)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Text(svg, SvgContentType);
    }
}
