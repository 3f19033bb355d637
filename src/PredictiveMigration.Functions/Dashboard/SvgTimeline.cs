using System.Globalization;
using System.Text;

namespace PredictiveMigration.Functions.Dashboard;

/// <summary>One row of a timeline: a step with its start, end (null while running) and status.</summary>
public readonly record struct TimelineRow(string Label, DateTimeOffset Start, DateTimeOffset? End, string Status);

/// <summary>A Gantt-style step timeline rendered as SVG; each bar carries <c>data-step</c> and <c>data-status</c>.</summary>
public static class SvgTimeline
{
    /// <summary>Renders the rows; a running step extends to <paramref name="now"/>.</summary>
    public static string Render(string chartId, string title, IReadOnlyList<TimelineRow> rows, DateTimeOffset now, int width = 720)
    {
        const int rowHeight = 20, top = 26, labelWidth = 170, right = 60;
        var height = top + (Math.Max(1, rows.Count) * rowHeight) + 18;
        var sb = new StringBuilder(2048);
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"{SvgTimeChart.Esc(chartId)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{SvgTimeChart.Esc(title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{SvgTimeChart.Esc(title)}</title><text x=\"4\" y=\"16\" font-size=\"13\" font-family=\"sans-serif\" fill=\"#111\">{SvgTimeChart.Esc(title)}</text>");
        if (rows.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"{top + 10}\" text-anchor=\"middle\" class=\"chart-empty\" font-size=\"12\" font-family=\"sans-serif\" fill=\"#666\">no steps yet</text></svg>");
            return sb.ToString();
        }

        var t0 = rows.Min(r => r.Start);
        var t1 = rows.Max(r => r.End ?? now);
        if (t1 <= t0)
        {
            t1 = t0.AddSeconds(1);
        }

        var scale = (width - labelWidth - right) / (t1 - t0).TotalSeconds;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = top + (i * rowHeight);
            var x = labelWidth + ((row.Start - t0).TotalSeconds * scale);
            var w = Math.Max(2, ((row.End ?? now) - row.Start).TotalSeconds * scale);
            var colour = Colour(row.Status);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 13}\" text-anchor=\"end\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#333\">{SvgTimeChart.Esc(row.Label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"step {SvgTimeChart.Esc(row.Status.ToLowerInvariant())}\" data-step=\"{SvgTimeChart.Esc(row.Label)}\" data-status=\"{SvgTimeChart.Esc(row.Status)}\" x=\"{SvgTimeChart.F(x)}\" y=\"{y + 3}\" width=\"{SvgTimeChart.F(w)}\" height=\"{rowHeight - 6}\" rx=\"2\" fill=\"{colour}\"/>");
            var duration = (row.End ?? now) - row.Start;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{SvgTimeChart.F(x + w + 4)}\" y=\"{y + 13}\" font-size=\"10\" font-family=\"sans-serif\" fill=\"#555\">{SvgTimeChart.Esc(Describe(duration))}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth}\" y=\"{height - 4}\" font-size=\"10\" font-family=\"sans-serif\" fill=\"#555\">{t0.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - right}\" y=\"{height - 4}\" text-anchor=\"end\" font-size=\"10\" font-family=\"sans-serif\" fill=\"#555\">{t1.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string Colour(string status) => status.ToLowerInvariant() switch
    {
        "completed" or "succeeded" => "#16a34a",
        "running" or "pending" => "#2563eb",
        "failed" => "#dc2626",
        "compensated" or "rolledback" or "compensating" => "#ea580c",
        "skipped" => "#9ca3af",
        _ => "#6b7280",
    };

    private static string Describe(TimeSpan d) => d.TotalSeconds < 90
        ? d.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s"
        : d.TotalMinutes < 90 ? d.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min" : d.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) + " h";
}
