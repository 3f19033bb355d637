using System.Globalization;
using System.Text;
using PredictiveMigration.Forecasting.Backtesting;

namespace PredictiveMigration.Cli.Forecasting;

/// <summary>Plain SVG charts (no package): forecast with its 90 % band against actuals, and a coverage reliability diagram.</summary>
internal static class SvgCharts
{
    private const int Width = 960;
    private const int Height = 320;
    private const int Pad = 40;

    /// <summary>The last <paramref name="maxPoints"/> test points of a series.</summary>
    public static string Forecast(string title, ChartTrace trace, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var from = Math.Max(0, trace.Actual.Length - maxPoints);
        var n = trace.Actual.Length - from;
        var all = trace.Actual.Skip(from).Concat(trace.Upper90.Skip(from)).Concat(trace.Lower90.Skip(from)).Where(double.IsFinite).ToList();
        if (trace.Threshold is { } th)
        {
            all.Add(th);
        }

        var min = all.Count > 0 ? Math.Min(0, all.Min()) : 0;
        var max = all.Count > 0 ? all.Max() : 1;
        if (max <= min)
        {
            max = min + 1;
        }

        double X(int i) => Pad + ((Width - (2.0 * Pad)) * i / Math.Max(1, n - 1));
        double Y(double v) => Height - Pad - ((Height - (2.0 * Pad)) * (v - min) / (max - min));
        var sb = Header(title);
        var band = new StringBuilder();
        var upper = new List<string>();
        var lower = new List<string>();
        for (var i = 0; i < n; i++)
        {
            if (double.IsFinite(trace.Upper90[from + i]))
            {
                upper.Add(P(X(i), Y(trace.Upper90[from + i])));
                lower.Add(P(X(i), Y(trace.Lower90[from + i])));
            }
        }

        lower.Reverse();
        if (upper.Count > 1)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<polygon points=\"{string.Join(' ', upper.Concat(lower))}\" fill=\"#9ecae1\" fill-opacity=\"0.5\" stroke=\"none\"/>\n");
        }

        sb.Append(Line(Enumerable.Range(0, n).Select(i => (X(i), trace.Actual[from + i])).Where(p => double.IsFinite(p.Item2)).Select(p => (p.Item1, Y(p.Item2))), "#333333"));
        sb.Append(Line(Enumerable.Range(0, n).Select(i => (X(i), trace.Forecast[from + i])).Where(p => double.IsFinite(p.Item2)).Select(p => (p.Item1, Y(p.Item2))), "#d62728"));
        if (trace.Threshold is { } t)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Pad}\" x2=\"{Width - Pad}\" y1=\"{Y(t):F1}\" y2=\"{Y(t):F1}\" stroke=\"#ff7f0e\" stroke-dasharray=\"6 4\"/>\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Pad}\" y=\"{Height - 10}\" font-size=\"12\">black: actual; red: forecast one horizon earlier; blue: 90 % interval; orange: threshold. y from {min:G4} to {max:G4}; {n} steps of {trace.Step.TotalMinutes} min from {trace.Start.AddMinutes(from * trace.Step.TotalMinutes):yyyy-MM-dd HH:mm}Z</text>\n");
        return sb.Append("</svg>\n").ToString();
    }

    /// <summary>Empirical coverage against nominal level per model (the diagonal is perfect calibration).</summary>
    public static string Reliability(string title, IReadOnlyDictionary<string, ModelScores> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        const int size = 360;
        double X(double v) => Pad + ((size - (2.0 * Pad)) * (v - 0.5) / 0.5);
        double Y(double v) => size - Pad - ((size - (2.0 * Pad)) * (v - 0.5) / 0.5);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size + 200}\" height=\"{size}\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"{Pad}\" y=\"20\" font-size=\"14\">{Escape(title)}</text>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(0.5):F1}\" y1=\"{Y(0.5):F1}\" x2=\"{X(1):F1}\" y2=\"{Y(1):F1}\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>\n");
        string[] colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"];
        var c = 0;
        foreach (var (name, m) in models.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var colour = colours[c % colours.Length];
            var pts = m.Coverage.Select(kv => (double.Parse(kv.Key, CultureInfo.InvariantCulture) / 100, kv.Value)).OrderBy(p => p.Item1).Select(p => (X(p.Item1), Y(Math.Max(0.5, p.Value)))).ToList();
            sb.Append(Line(pts, colour));
            foreach (var (x, y) in pts)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"3\" fill=\"{colour}\"/>\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{size}\" y=\"{50 + (c * 18)}\" font-size=\"12\" fill=\"{colour}\">{Escape(name)}</text>\n");
            c++;
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Pad}\" y=\"{size - 10}\" font-size=\"12\">x: nominal level 50-100 %; y: observed coverage (clamped at 50 %)</text>\n");
        return sb.Append("</svg>\n").ToString();
    }

    private static StringBuilder Header(string title) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"{Pad}\" y=\"20\" font-size=\"14\">{Escape(title)}</text>\n");

    private static string Line(IEnumerable<(double X, double Y)> points, string colour)
    {
        var list = points.Select(p => P(p.X, p.Y)).ToList();
        return list.Count < 2 ? string.Empty : $"<polyline points=\"{string.Join(' ', list)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.2\"/>\n";
    }

    private static string P(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"{x:F1},{y:F1}");

    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
