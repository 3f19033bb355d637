using System.Globalization;
using System.Net;
using System.Text;

namespace PredictiveMigration.Functions.Dashboard;

/// <summary>A point of a time series.</summary>
public readonly record struct TimePoint(DateTimeOffset Time, double Value);

/// <summary>A band (prediction interval) at one time.</summary>
public readonly record struct BandPoint(DateTimeOffset Time, double Lower, double Upper);

/// <summary>
/// A time-series chart rendered as SVG on the server: lines, interval bands, horizontal thresholds and vertical
/// markers, with time and value axes. Elements carry <c>data-*</c> attributes (series, band, threshold, marker names)
/// so tests and scripts can find them in the DOM. Colours come from CSS classes the dashboard styles, with inline
/// fallbacks so a standalone file (a report chart) looks right too.
/// </summary>
public sealed class SvgTimeChart
{
    private const int Left = 52, Right = 16, Top = 28, Bottom = 34;
    private static readonly string[] Palette = ["#2563eb", "#db2777", "#16a34a", "#ea580c", "#7c3aed", "#0891b2"];

    private readonly List<(string Name, IReadOnlyList<TimePoint> Points, bool Dashed)> _lines = [];
    private readonly List<(string Name, IReadOnlyList<BandPoint> Points, double Opacity)> _bands = [];
    private readonly List<(string Name, double Value)> _thresholds = [];
    private readonly List<(string Name, DateTimeOffset Time)> _markers = [];

    /// <summary>Creates a chart.</summary>
    public SvgTimeChart(string chartId, string title, int width = 720, int height = 260)
    {
        ChartId = chartId;
        Title = title;
        Width = width;
        Height = height;
    }

    public string ChartId { get; }

    public string Title { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Unit printed after axis values, e.g. "%".</summary>
    public string Unit { get; init; } = "";

    /// <summary>Fixed lower bound of the value axis; null fits the data.</summary>
    public double? MinValue { get; init; }

    /// <summary>Fixed upper bound of the value axis; null fits the data.</summary>
    public double? MaxValue { get; init; }

    public SvgTimeChart Line(string name, IReadOnlyList<TimePoint> points, bool dashed = false)
    {
        _lines.Add((name, points, dashed));
        return this;
    }

    public SvgTimeChart Band(string name, IReadOnlyList<BandPoint> points, double opacity = 0.18)
    {
        _bands.Add((name, points, opacity));
        return this;
    }

    public SvgTimeChart Threshold(string name, double value)
    {
        _thresholds.Add((name, value));
        return this;
    }

    public SvgTimeChart Marker(string name, DateTimeOffset time)
    {
        _markers.Add((name, time));
        return this;
    }

    /// <summary>The SVG document (no XML declaration, so it can be inlined in HTML).</summary>
    public string Render()
    {
        var times = _lines.SelectMany(l => l.Points.Select(p => p.Time))
            .Concat(_bands.SelectMany(b => b.Points.Select(p => p.Time)))
            .Concat(_markers.Select(m => m.Time))
            .ToList();
        var values = _lines.SelectMany(l => l.Points.Select(p => p.Value))
            .Concat(_bands.SelectMany(b => b.Points.SelectMany(p => new[] { p.Lower, p.Upper })))
            .Concat(_thresholds.Select(t => t.Value))
            .Where(double.IsFinite)
            .ToList();

        var sb = new StringBuilder(4096);
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"{Esc(ChartId)}\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Esc(Title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{Esc(Title)}</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"16\" class=\"chart-title\" font-size=\"13\" font-family=\"sans-serif\" fill=\"#111\">{Esc(Title)}</text>");
        if (times.Count == 0 || values.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" class=\"chart-empty\" font-size=\"12\" font-family=\"sans-serif\" fill=\"#666\">no data yet</text></svg>");
            return sb.ToString();
        }

        var t0 = times.Min();
        var t1 = times.Max();
        if (t1 <= t0)
        {
            t1 = t0.AddMinutes(1);
        }

        var v0 = MinValue ?? values.Min();
        var v1 = MaxValue ?? values.Max();
        if (MinValue is null && MaxValue is null)
        {
            var pad = (v1 - v0) * 0.08;
            v0 -= pad;
            v1 += pad;
        }

        if (v1 - v0 < 1e-9)
        {
            v0 -= 1;
            v1 += 1;
        }

        double X(DateTimeOffset t) => Left + ((t - t0).TotalSeconds / (t1 - t0).TotalSeconds * (Width - Left - Right));
        double Y(double v) => Top + ((1 - ((Math.Clamp(v, v0, v1) - v0) / (v1 - v0))) * (Height - Top - Bottom));

        // Axes and grid.
        sb.Append(CultureInfo.InvariantCulture, $"<g class=\"axis\" font-size=\"10\" font-family=\"sans-serif\" fill=\"#555\" stroke=\"none\">");
        for (var i = 0; i <= 4; i++)
        {
            var v = v0 + ((v1 - v0) * i / 4);
            var y = Y(v);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#e5e7eb\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(y + 3)}\" text-anchor=\"end\">{Esc(FormatValue(v))}{Esc(Unit)}</text>");
        }

        var span = t1 - t0;
        for (var i = 0; i <= 4; i++)
        {
            var t = t0 + (span * i / 4);
            var x = X(t);
            var label = span > TimeSpan.FromDays(2) ? t.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) : t.ToString("HH:mm", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\">{label}</text>");
        }

        sb.Append("</g>");

        var colour = 0;
        foreach (var (name, points, opacity) in _bands)
        {
            if (points.Count == 0)
            {
                continue;
            }

            var upper = points.Select(p => $"{F(X(p.Time))},{F(Y(p.Upper))}");
            var lower = points.Reverse().Select(p => $"{F(X(p.Time))},{F(Y(p.Lower))}");
            sb.Append(CultureInfo.InvariantCulture, $"<polygon class=\"band\" data-band=\"{Esc(name)}\" fill=\"{Palette[1]}\" fill-opacity=\"{F(opacity)}\" stroke=\"none\" points=\"{string.Join(' ', upper.Concat(lower))}\"/>");
        }

        foreach (var (name, points, dashed) in _lines)
        {
            if (points.Count == 0)
            {
                colour++;
                continue;
            }

            var d = new StringBuilder();
            var pen = 'M';
            foreach (var p in points)
            {
                if (!double.IsFinite(p.Value))
                {
                    pen = 'M';
                    continue;
                }

                d.Append(CultureInfo.InvariantCulture, $"{pen}{F(X(p.Time))},{F(Y(p.Value))} ");
                pen = 'L';
            }

            var dash = dashed ? " stroke-dasharray=\"5 3\"" : "";
            sb.Append(CultureInfo.InvariantCulture, $"<path class=\"line\" data-series=\"{Esc(name)}\" data-points=\"{points.Count}\" fill=\"none\" stroke=\"{Palette[colour++ % Palette.Length]}\" stroke-width=\"1.6\"{dash} d=\"{d.ToString().TrimEnd()}\"/>");
        }

        foreach (var (name, value) in _thresholds)
        {
            var y = Y(value);
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"threshold\" data-threshold=\"{Esc(name)}\" data-value=\"{F(value)}\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#dc2626\" stroke-dasharray=\"4 3\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right - 2}\" y=\"{F(y - 3)}\" text-anchor=\"end\" font-size=\"10\" font-family=\"sans-serif\" fill=\"#dc2626\">{Esc(name)} {Esc(FormatValue(value))}{Esc(Unit)}</text>");
        }

        foreach (var (name, time) in _markers)
        {
            var x = X(time);
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"marker\" data-marker=\"{Esc(name)}\" x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#6b7280\" stroke-dasharray=\"2 2\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 3)}\" y=\"{Top + 10}\" font-size=\"10\" font-family=\"sans-serif\" fill=\"#6b7280\">{Esc(name)}</text>");
        }

        // Legend.
        var lx = Left + 8.0;
        colour = 0;
        foreach (var (name, _, _) in _lines)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\"><rect x=\"{F(lx)}\" y=\"{Height - 12}\" width=\"10\" height=\"3\" fill=\"{Palette[colour++ % Palette.Length]}\"/><text x=\"{F(lx + 14)}\" y=\"{Height - 8}\" font-size=\"10\" font-family=\"sans-serif\" fill=\"#333\">{Esc(name)}</text></g>");
            lx += 22 + (name.Length * 6);
        }

        foreach (var (name, _, _) in _bands)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\"><rect x=\"{F(lx)}\" y=\"{Height - 15}\" width=\"10\" height=\"8\" fill=\"{Palette[1]}\" fill-opacity=\"0.3\"/><text x=\"{F(lx + 14)}\" y=\"{Height - 8}\" font-size=\"10\" font-family=\"sans-serif\" fill=\"#333\">{Esc(name)}</text></g>");
            lx += 22 + (name.Length * 6);
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    internal static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    internal static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string FormatValue(double v) => Math.Abs(v) >= 1000
        ? v.ToString("0.#e0", CultureInfo.InvariantCulture)
        : v.ToString(Math.Abs(v) >= 10 ? "0" : "0.#", CultureInfo.InvariantCulture);
}

/// <summary>A horizontal bar chart (one bar per label) rendered as SVG; bars carry <c>data-label</c> and <c>data-value</c>.</summary>
public static class SvgBarChart
{
    /// <summary>Renders bars scaled to <paramref name="max"/>; <paramref name="classify"/> picks a CSS class and colour per value.</summary>
    public static string Render(string chartId, string title, IReadOnlyList<(string Label, double Value)> bars, double max, Func<double, (string Class, string Colour)> classify, int width = 720)
    {
        const int rowHeight = 18, top = 26, labelWidth = 150;
        var height = top + (Math.Max(1, bars.Count) * rowHeight) + 8;
        var sb = new StringBuilder(2048);
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"{SvgTimeChart.Esc(chartId)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{SvgTimeChart.Esc(title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{SvgTimeChart.Esc(title)}</title><text x=\"4\" y=\"16\" font-size=\"13\" font-family=\"sans-serif\" fill=\"#111\">{SvgTimeChart.Esc(title)}</text>");
        if (bars.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"{top + 10}\" text-anchor=\"middle\" class=\"chart-empty\" font-size=\"12\" font-family=\"sans-serif\" fill=\"#666\">no data yet</text></svg>");
            return sb.ToString();
        }

        var scale = (width - labelWidth - 50) / Math.Max(max, 1e-9);
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var (cls, colour) = classify(value);
            var y = top + (i * rowHeight);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 12}\" text-anchor=\"end\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#333\">{SvgTimeChart.Esc(label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar {cls}\" data-label=\"{SvgTimeChart.Esc(label)}\" data-value=\"{SvgTimeChart.F(value)}\" x=\"{labelWidth}\" y=\"{y + 2}\" width=\"{SvgTimeChart.F(Math.Max(1, value * scale))}\" height=\"{rowHeight - 5}\" fill=\"{colour}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{SvgTimeChart.F(labelWidth + Math.Max(1, value * scale) + 4)}\" y=\"{y + 12}\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#333\">{SvgTimeChart.Esc(SvgTimeChart.F(value))}</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }
}
