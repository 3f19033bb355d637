using System.Globalization;

namespace PredictiveMigration.Forecasting.Series;

/// <summary>
/// Reads trace files into <see cref="PreparedSeries"/>. Metrics for Bitbrains: <c>cpu</c> (CPU usage %, capped at
/// 100), <c>memory</c> (usage / provisioned in %, capped at 100: the ratio is used because provisioned memory changes
/// within files), <c>disk</c> (read + write KB/s), <c>network</c> (received + transmitted KB/s). NAB files have one
/// <c>value</c>; generic CSV files name their columns.
/// </summary>
public static class TraceReader
{
    /// <summary>Finds the trace files of a format under a directory, sorted by relative path.</summary>
    public static IReadOnlyList<string> FindFiles(string directory, TraceFormat format)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"data directory '{directory}' does not exist");
        }

        return Directory.EnumerateFiles(directory, "*.csv", SearchOption.AllDirectories)
            .Where(f => format != TraceFormat.Bitbrains || FirstLine(f).StartsWith("Timestamp", StringComparison.Ordinal))
            .OrderBy(f => Path.GetRelativePath(directory, f), StringComparer.Ordinal)
            .ToList();
    }

    public static PreparedSeries Read(string path, string id, TraceFormat format, string metric, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(metric);
        using var reader = new StreamReader(path);
        return format switch
        {
            TraceFormat.Bitbrains => ReadBitbrains(reader, id, metric, step),
            TraceFormat.Nab or TraceFormat.Csv => ReadCsv(reader, id, metric, step),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    public static PreparedSeries ReadBitbrains(TextReader reader, string id, string metric, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var (isPercent, cap) = metric switch
        {
            "cpu" or "memory" => (true, (double?)100),
            "disk" or "network" => (false, null),
            _ => throw new ArgumentException($"bitbrains metric must be cpu, memory, disk or network (was '{metric}')", nameof(metric)),
        };
        var samples = new List<RawSample>(9000);
        _ = reader.ReadLine();
        string? line;
        Span<double> cols = stackalloc double[11];
        while ((line = reader.ReadLine()) is not null)
        {
            if (!TryParseBitbrains(line, cols))
            {
                continue;
            }

            var ts = (long)cols[0];
            switch (metric)
            {
                case "cpu":
                    samples.Add(new RawSample(ts, cols[4], cols[2]));
                    break;
                case "memory":
                    // Provisioned memory changes within files: work in the utilisation ratio; above 100 % is an artefact (capped).
                    samples.Add(new RawSample(ts, cols[5] > 0 ? 100.0 * cols[6] / cols[5] : double.NaN, cols[5]));
                    break;
                case "disk":
                    samples.Add(new RawSample(ts, cols[7] + cols[8], double.NaN));
                    break;
                default:
                    samples.Add(new RawSample(ts, cols[9] + cols[10], double.NaN));
                    break;
            }
        }

        return SeriesGrid.Build(id, metric, samples, step, cap, isPercent);
    }

    public static PreparedSeries ReadCsv(TextReader reader, string id, string metric, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine() ?? throw new ArgumentException($"'{id}' is empty", nameof(reader));
        var names = header.Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        if (names.Length < 2 || !names[0].Equals("timestamp", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{id}': the first column must be 'timestamp' (header was '{header}')", nameof(reader));
        }

        var column = Array.FindIndex(names, 1, n => n.Equals(metric, StringComparison.OrdinalIgnoreCase));
        if (column < 0)
        {
            // "value" is the NAB column; any metric name falls back to it when the file has a single value column.
            column = names.Length == 2 ? 1 : throw new ArgumentException($"'{id}' has no column '{metric}' (columns: {string.Join(", ", names.Skip(1))})", nameof(metric));
        }

        var isPercent = metric is "cpu" or "memory" || names[column].Contains("percent", StringComparison.OrdinalIgnoreCase);
        var samples = new List<RawSample>(4096);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var parts = line.Split(',');
            if (parts.Length <= column || !TryParseTimestamp(parts[0].Trim().Trim('"'), out var ts))
            {
                continue;
            }

            if (double.TryParse(parts[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                samples.Add(new RawSample(ts, v, double.NaN));
            }
        }

        return SeriesGrid.Build(id, metric, samples, step, isPercent ? 100 : null, isPercent);
    }

    /// <summary>Parses ISO 8601 / <c>YYYY-MM-DD HH:MM:SS[.ffffff]</c> (UTC unless a zone is given) or Unix seconds.</summary>
    public static bool TryParseTimestamp(string text, out long unixSeconds)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out unixSeconds))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            unixSeconds = t.ToUnixTimeSeconds();
            return true;
        }

        unixSeconds = 0;
        return false;
    }

    private static bool TryParseBitbrains(string line, Span<double> cols)
    {
        var span = line.AsSpan();
        var i = 0;
        foreach (var range in span.Split(';'))
        {
            if (i >= cols.Length)
            {
                break;
            }

            if (!double.TryParse(span[range].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out cols[i]))
            {
                return false;
            }

            i++;
        }

        return i == cols.Length;
    }

    private static string FirstLine(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine() ?? string.Empty;
    }
}
