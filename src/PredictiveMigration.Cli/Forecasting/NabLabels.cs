using System.Text.Json;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Cli.Forecasting;

/// <summary>Reads NAB's <c>labels/combined_windows*.json</c> (file → list of [start, end] timestamps) when present under the data directory.</summary>
internal static class NabLabels
{
    public static Dictionary<string, List<(long Start, long End)>> Find(string dataDir)
    {
        var result = new Dictionary<string, List<(long, long)>>(StringComparer.Ordinal);
        var file = Directory.Exists(dataDir)
            ? Directory.EnumerateFiles(dataDir, "combined_windows*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (file is null)
        {
            return result;
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            var windows = new List<(long, long)>();
            foreach (var w in entry.Value.EnumerateArray())
            {
                if (TraceReader.TryParseTimestamp(w[0].GetString() ?? string.Empty, out var start) && TraceReader.TryParseTimestamp(w[1].GetString() ?? string.Empty, out var end))
                {
                    windows.Add((start, end));
                }
            }

            result[entry.Name] = windows;
        }

        return result;
    }

    /// <summary>Labels of a file given by its path relative to the data directory (NAB keys are relative to <c>data/</c>).</summary>
    public static List<(long Start, long End)>? For(Dictionary<string, List<(long Start, long End)>> labels, string relative) =>
        labels.FirstOrDefault(kv => relative.EndsWith(kv.Key, StringComparison.Ordinal)).Value;
}
