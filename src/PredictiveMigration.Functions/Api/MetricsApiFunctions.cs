using System.Globalization;
using System.Xml;
using PredictiveMigration.Domain.Common;
using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Ingestion;
using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Domain.Metrics.Query;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Functions.Hosting;

namespace PredictiveMigration.Functions.Api;

/// <summary>Read side of ingestion: a server's series, the inventory, the dead letters.</summary>
public static class MetricsApiFunctions
{
    /// <summary>
    /// <c>GET /api/servers/{serverId}/metrics?metric=cpuPercent,memoryUsedBytes&amp;from=…&amp;to=…&amp;resolution=5m</c>.
    /// Defaults: the last hour, every metric, a resolution that gives at most 360 points (at least 1 minute).
    /// </summary>
    public static async Task<IResult> GetServerMetricsAsync(string serverId, HttpRequest request, MetricsQueryService queries, TimeProvider time)
    {
        var q = request.Query;
        var now = time.GetUtcNow();
        if (!TryParseTime(q["to"], now, out var to))
        {
            return Problems.Create(400, "Invalid query", "to must be an ISO-8601 time with a zone", "to");
        }

        if (!TryParseTime(q["from"], to - TimeSpan.FromHours(1), out var from))
        {
            return Problems.Create(400, "Invalid query", "from must be an ISO-8601 time with a zone", "from");
        }

        var kinds = new List<MetricKind>();
        var metricParam = q["metric"].ToString();
        foreach (var name in metricParam.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!MetricKinds.TryParse(name, out var kind))
            {
                return Problems.Create(400, "Invalid query", $"unknown metric '{name}'; known: {string.Join(", ", MetricKinds.All.Select(k => k.JsonName))}", "metric");
            }

            kinds.Add(kind);
        }

        if (kinds.Count == 0)
        {
            kinds.AddRange(MetricKinds.All.Select(k => k.Kind));
        }

        TimeSpan resolution;
        if (string.IsNullOrEmpty(q["resolution"]))
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((to - from).TotalMinutes / 360));
            resolution = TimeSpan.FromMinutes(minutes);
        }
        else if (!ShortDuration.TryParse(q["resolution"], out resolution))
        {
            return Problems.Create(400, "Invalid query", $"resolution must look like {ShortDuration.Forms}", "resolution");
        }

        var query = new SeriesQuery(serverId, kinds, from, to, resolution);
        if (query.Validate() is { } problem)
        {
            return Problems.Create(400, "Invalid query", problem.Message, problem.Field);
        }

        var series = await queries.GetSeriesAsync(query, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return Results.Json(new
        {
            serverId,
            from,
            to,
            resolution = XmlConvert.ToString(resolution),
            series = series.Select(s => new
            {
                metric = s.Kind.JsonName(),
                gaps = s.GapCount,
                points = s.Points.Select(p => p.IsGap
                    ? (object)new { t = p.Start, count = 0, gap = true }
                    : new { t = p.Start, count = p.Stats.Count, mean = p.Stats.Mean, min = p.Stats.Min, max = p.Stats.Max, last = p.Stats.Last }),
            }),
        });
    }

    /// <summary>
    /// <c>GET /api/servers?sort=risk|id|lastSeen&amp;q=…&amp;page=1&amp;pageSize=100</c>: the servers the fleet has reported,
    /// each with its latest risk summary (null when never assessed) and its active migration (null when none).
    /// <c>sort=risk</c> (the default) puts the highest score first and unassessed servers last; <c>lastSeen</c> the most
    /// recent first; <c>q</c> keeps server ids containing the text (case-insensitive).
    /// </summary>
    public static async Task<IResult> ListServersAsync(HttpRequest request, IServerInventory inventory, IRiskStore risks, IMigrationStore migrations)
    {
        var q = request.Query;
        var sort = q["sort"].ToString();
        if (sort.Length == 0)
        {
            sort = "risk";
        }

        if (sort is not ("risk" or "id" or "lastSeen"))
        {
            return Problems.Create(400, "Invalid query", "sort must be risk, id or lastSeen", "sort");
        }

        if (!TryParseInt(q["page"], 1, 1, int.MaxValue, out var page))
        {
            return Problems.Create(400, "Invalid query", "page must be an integer of at least 1", "page");
        }

        if (!TryParseInt(q["pageSize"], 100, 1, 500, out var pageSize))
        {
            return Problems.Create(400, "Invalid query", "pageSize must be an integer from 1 to 500", "pageSize");
        }

        var ct = request.HttpContext.RequestAborted;
        var serversTask = inventory.ListAsync(ct);
        var risksTask = risks.ListLatestAsync(ct);
        var migrationsTask = migrations.ListAsync(activeOnly: true, ct);
        var servers = await serversTask.ConfigureAwait(false);
        var riskById = (await risksTask.ConfigureAwait(false)).ToDictionary(r => r.ServerId, StringComparer.Ordinal);
        var migrationById = new Dictionary<string, MigrationRecord>(StringComparer.Ordinal);
        foreach (var m in await migrationsTask.ConfigureAwait(false))
        {
            // Newest first: the first active migration of a server is the one shown.
            migrationById.TryAdd(m.ServerId, m);
        }

        var filter = q["q"].ToString().Trim();
        var rows = servers.Where(s => filter.Length == 0 || s.ServerId.Contains(filter, StringComparison.OrdinalIgnoreCase));
        rows = sort switch
        {
            "id" => rows.OrderBy(s => s.ServerId, StringComparer.Ordinal),
            "lastSeen" => rows.OrderByDescending(s => s.LastSeen).ThenBy(s => s.ServerId, StringComparer.Ordinal),
            _ => rows.OrderByDescending(s => riskById.TryGetValue(s.ServerId, out var r) ? r.Score : -1).ThenBy(s => s.ServerId, StringComparer.Ordinal),
        };
        var matching = rows.ToList();
        return Results.Json(new
        {
            total = matching.Count,
            page,
            pageSize,
            servers = matching.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * pageSize)).Take(pageSize).Select(s => new
            {
                serverId = s.ServerId,
                lastSeen = s.LastSeen,
                agentVersion = s.AgentVersion,
                cpuCores = s.CpuCores,
                memoryTotalBytes = s.MemoryTotalBytes,
                risk = riskById.TryGetValue(s.ServerId, out var r)
                    ? new { score = r.Score, topResource = r.TopResource is { } k ? Dashboard.ChartFunctions.ResourceName(k) : null, topReason = r.TopReason, assessedAt = r.AssessedAt }
                    : null,
                migration = migrationById.TryGetValue(s.ServerId, out var m) ? new { migrationId = m.MigrationId, status = m.Status.ToString() } : null,
            }),
        });
    }

    /// <summary><c>GET /api/deadletters?days=1&amp;max=100</c>: refused events, newest first.</summary>
    public static async Task<IResult> ListDeadLettersAsync(HttpRequest request, IDeadLetterStore deadLetters, TimeProvider time)
    {
        if (!TryParseInt(request.Query["days"], 1, 1, 31, out var days))
        {
            return Problems.Create(400, "Invalid query", "days must be an integer from 1 to 31", "days");
        }

        if (!TryParseInt(request.Query["max"], 100, 1, 1000, out var max))
        {
            return Problems.Create(400, "Invalid query", "max must be an integer from 1 to 1000", "max");
        }

        var now = time.GetUtcNow();
        var items = await deadLetters.ListAsync(now.AddDays(-(days - 1)), now, max, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return Results.Json(new
        {
            deadLetters = items.Select(d => new
            {
                id = d.Id,
                receivedAt = d.ReceivedAt,
                source = d.Source,
                index = d.Index,
                reason = d.Reason.ToString(),
                field = d.Field,
                message = d.Message,
                serverId = d.ServerId,
                payload = d.Payload,
                payloadBytes = d.PayloadBytes,
                truncated = d.Truncated,
            }),
        });
    }

    private static bool TryParseTime(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        // An unescaped '+' in a query string arrives as a space: "…T10:00:00 01:00" means "+01:00".
        if (text.Length > 6 && text[^6] == ' ' && text[^3] == ':')
        {
            text = string.Concat(text.AsSpan(0, text.Length - 6), "+", text.AsSpan(text.Length - 5));
        }

        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^3] == ':' && text[^6] is '+' or '-');
        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
        return hasZone && ok;
    }

    private static bool TryParseInt(string? text, int fallback, int min, int max, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
