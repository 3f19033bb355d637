using System.Globalization;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Cli.Forecasting;

/// <summary>Option parsing shared by the forecasting commands; errors name the option.</summary>
internal static class ForecastOptions
{
    public static TraceFormat Format(CommandLine line, TraceFormat fallback)
    {
        var text = line.String("format");
        return text switch
        {
            null => fallback,
            "bitbrains" => TraceFormat.Bitbrains,
            "nab" => TraceFormat.Nab,
            "csv" => TraceFormat.Csv,
            _ => throw new UsageException($"--format must be bitbrains, nab or csv (was '{text}')"),
        };
    }

    /// <summary>The metric: bitbrains knows cpu, memory, disk and network (default cpu); nab and csv name a column (default value).</summary>
    public static string Metric(CommandLine line, TraceFormat format)
    {
        var metric = line.String("metric");
        if (format != TraceFormat.Bitbrains)
        {
            return metric ?? "value";
        }

        return metric switch
        {
            null => "cpu",
            "cpu" or "memory" or "disk" or "network" => metric,
            _ => throw new UsageException($"--metric for bitbrains must be cpu, memory, disk or network (was '{metric}')"),
        };
    }

    public static IReadOnlyList<double> Levels(CommandLine line)
    {
        var text = line.String("levels") ?? "80,90,95";
        var levels = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var l) || l <= 0 || l >= 100)
            {
                throw new UsageException($"--levels must be percentages between 0 and 100, comma separated (was '{text}')");
            }

            levels.Add(l / 100);
        }

        return levels.Count > 0 ? levels : throw new UsageException("--levels needs at least one level");
    }

    /// <summary>
    /// The data directory: <c>--data</c>, else <c>PM_DATA_DIR</c>, else <c>../shared/data</c> beside the repository root;
    /// then the format's usual subfolder (bitbrains-rnd, nab) when the directory holds it.
    /// </summary>
    public static string DataDirectory(string? data, TraceFormat format)
    {
        var dir = data ?? Environment.GetEnvironmentVariable("PM_DATA_DIR") ?? DefaultSharedData()
            ?? throw new UsageException("--data is required (no PM_DATA_DIR and no ../shared/data beside the repository)");
        if (!Directory.Exists(dir))
        {
            throw new UsageException($"--data: directory '{dir}' does not exist");
        }

        var sub = format switch
        {
            TraceFormat.Bitbrains => "bitbrains-rnd",
            TraceFormat.Nab => "nab",
            _ => null,
        };
        return sub is not null && Directory.Exists(Path.Combine(dir, sub)) ? Path.Combine(dir, sub) : dir;
    }

    private static string? DefaultSharedData()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PredictiveMigration.sln")))
            {
                var shared = Path.GetFullPath(Path.Combine(d.FullName, "..", "shared", "data"));
                return Directory.Exists(shared) ? shared : null;
            }
        }

        return null;
    }

    /// <summary>Reads every file of the format, skipping (and reporting) files that cannot be used.</summary>
    /// <summary>
    /// <see cref="ReadAll"/> for a command: a bad metric is a usage error naming <c>--metric</c>; no usable file is said
    /// on stderr and gives null (the command then exits 1).
    /// </summary>
    public static List<(string Relative, PreparedSeries Series)>? ReadForCommand(string command, string dir, TraceFormat format, string metric)
    {
        List<(string Relative, PreparedSeries Series)> files;
        try
        {
            files = ReadAll(dir, format, metric, Console.Error);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"--metric: {ex.Message}");
        }

        if (files.Count == 0)
        {
            Console.Error.WriteLine($"pm {command}: no usable {format} files under {dir}");
            return null;
        }

        return files;
    }

    public static List<(string Relative, PreparedSeries Series)> ReadAll(string dir, TraceFormat format, string metric, TextWriter log, Func<string, bool>? include = null)
    {
        var result = new List<(string, PreparedSeries)>();
        foreach (var file in TraceReader.FindFiles(dir, format))
        {
            var relative = Path.GetRelativePath(dir, file).Replace('\\', '/');
            if (include is not null && !include(relative))
            {
                continue;
            }

            try
            {
                result.Add((relative, TraceReader.Read(file, relative, format, metric, SeriesGrid.DefaultStep)));
            }
            catch (ArgumentException ex)
            {
                log.WriteLine($"  skipped {relative}: {ex.Message}");
            }
        }

        return result;
    }
}
