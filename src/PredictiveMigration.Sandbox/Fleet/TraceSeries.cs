using System.Globalization;

namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// One CSV trace file in memory: per sample (Unix seconds, ascending) CPU %, memory %, disk read/write and network
/// received/sent in bytes per second, and the capacity the trace was recorded on when the file says (Bitbrains).
/// Reads two formats, as <c>Forecasting/Series/TraceReader</c> does:
/// <list type="bullet">
/// <item>Bitbrains (GWA-T-12): <c>;</c>-separated, header starting with <c>Timestamp</c>; columns timestamp (s), CPU
/// cores, CPU capacity (MHz), CPU usage (MHz), CPU %, memory provisioned (KB), memory used (KB), disk read and write
/// (KB/s), network received and sent (KB/s). Memory % = used / provisioned, capped at 100.</item>
/// <item>Generic CSV: a header whose first column is <c>timestamp</c> (ISO-8601, <c>YYYY-MM-DD HH:MM:SS</c> in UTC, or
/// Unix seconds) and named columns: <c>cpu</c> (or <c>cpuPercent</c>, or <c>value</c> when it is the only one),
/// <c>memory</c> (or <c>memoryPercent</c>), <c>diskRead</c>/<c>diskWrite</c> or <c>disk</c>, <c>netRx</c>/<c>netTx</c>
/// or <c>network</c> (bytes per second). Missing columns read as zero (memory: 50 %).</item>
/// </list>
/// </summary>
public sealed class TraceSeries
{
    private TraceSeries(string name, long[] times, double[][] columns, int? cores, double? memoryGb)
    {
        Name = name;
        Times = times;
        Cpu = columns[0];
        Memory = columns[1];
        DiskRead = columns[2];
        DiskWrite = columns[3];
        NetRx = columns[4];
        NetTx = columns[5];
        Cores = cores;
        MemoryGb = memoryGb;
    }

    public string Name { get; }

    public long[] Times { get; }

    public double[] Cpu { get; }

    public double[] Memory { get; }

    public double[] DiskRead { get; }

    public double[] DiskWrite { get; }

    public double[] NetRx { get; }

    public double[] NetTx { get; }

    /// <summary>Cores the trace was recorded on (Bitbrains), else null.</summary>
    public int? Cores { get; }

    /// <summary>Memory the trace was recorded on, in GB (Bitbrains), else null.</summary>
    public double? MemoryGb { get; }

    public int Count => Times.Length;

    /// <summary>Every <c>*.csv</c> under a directory that reads as a trace, sorted by relative path.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidOperationException">No file under it reads as a trace.</exception>
    public static IReadOnlyList<TraceSeries> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"--trace-dir: '{directory}' does not exist");
        }

        var traces = new List<TraceSeries>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.csv", SearchOption.AllDirectories).OrderBy(f => Path.GetRelativePath(directory, f), StringComparer.Ordinal))
        {
            using var reader = new StreamReader(file);
            if (TryRead(reader, Path.GetFileNameWithoutExtension(file), out var trace))
            {
                traces.Add(trace!);
            }
        }

        return traces.Count > 0 ? traces : throw new InvalidOperationException($"--trace-dir: no CSV file under '{directory}' has a Bitbrains header or a 'timestamp' first column with at least 2 samples");
    }

    /// <summary>Reads one trace; false when the header is neither format or fewer than 2 samples parse.</summary>
    public static bool TryRead(TextReader reader, string name, out TraceSeries? trace)
    {
        ArgumentNullException.ThrowIfNull(reader);
        trace = null;
        var header = reader.ReadLine();
        if (header is null)
        {
            return false;
        }

        var rows = new List<(long Time, double[] Values)>();
        int? cores = null;
        double? memoryGb = null;
        string? line;
        if (header.TrimStart().StartsWith("Timestamp", StringComparison.Ordinal) && header.Contains(';', StringComparison.Ordinal))
        {
            while ((line = reader.ReadLine()) is not null)
            {
                var parts = line.Split(';');
                var cols = new double[11];
                if (parts.Length < 11 || !parts.Take(11).Select((p, i) => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out cols[i])).All(ok => ok))
                {
                    continue;
                }

                cores ??= (int)Math.Max(1, cols[1]);
                memoryGb ??= cols[5] / (1024 * 1024);
                var memPct = cols[5] > 0 ? Math.Min(100, 100 * cols[6] / cols[5]) : 50;
                rows.Add(((long)cols[0], [cols[4], memPct, cols[7] * 1024, cols[8] * 1024, cols[9] * 1024, cols[10] * 1024]));
            }
        }
        else
        {
            var names = header.Split(',').Select(h => h.Trim().Trim('"')).ToArray();
            if (names.Length < 2 || !names[0].Equals("timestamp", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            int Find(params string[] candidates) => Array.FindIndex(names, 1, n => candidates.Any(c => n.Equals(c, StringComparison.OrdinalIgnoreCase)));
            var cpu = Find("cpu", "cpuPercent", "cpu_percent");
            if (cpu < 0 && names.Length == 2)
            {
                cpu = 1;
            }

            var memory = Find("memory", "memoryPercent", "memory_percent", "mem");
            var disk = Find("disk", "diskBytesPerSec");
            var diskRead = Find("diskRead", "diskReadBytesPerSec");
            var diskWrite = Find("diskWrite", "diskWriteBytesPerSec");
            var net = Find("network", "net", "netBytesPerSec");
            var netRx = Find("netRx", "netRxBytesPerSec");
            var netTx = Find("netTx", "netTxBytesPerSec");
            while ((line = reader.ReadLine()) is not null)
            {
                var parts = line.Split(',');
                if (!TryParseTimestamp(parts[0].Trim().Trim('"'), out var ts))
                {
                    continue;
                }

                double Col(int index, double fallback) =>
                    index > 0 && index < parts.Length && double.TryParse(parts[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : fallback;
                var diskTotal = Col(disk, 0);
                var netTotal = Col(net, 0);
                rows.Add((ts,
                [
                    Col(cpu, 0), Col(memory, 50),
                    diskRead > 0 ? Col(diskRead, 0) : diskTotal * 0.6, diskWrite > 0 ? Col(diskWrite, 0) : diskTotal * 0.4,
                    netRx > 0 ? Col(netRx, 0) : netTotal * 0.55, netTx > 0 ? Col(netTx, 0) : netTotal * 0.45,
                ]));
            }
        }

        rows.Sort((a, b) => a.Time.CompareTo(b.Time));
        var distinct = rows.Where((r, i) => i == 0 || r.Time != rows[i - 1].Time).ToList();
        if (distinct.Count < 2)
        {
            return false;
        }

        var columns = Enumerable.Range(0, 6).Select(c => distinct.Select(r => Math.Max(0, r.Values[c])).ToArray()).ToArray();
        trace = new TraceSeries(name, [.. distinct.Select(r => r.Time)], columns, cores, memoryGb);
        return true;
    }

    /// <summary>The index of the last sample at or before <paramref name="unixSeconds"/> (0 before the first).</summary>
    public int IndexAt(long unixSeconds)
    {
        var i = Array.BinarySearch(Times, unixSeconds);
        return i >= 0 ? i : Math.Max(0, ~i - 1);
    }

    private static bool TryParseTimestamp(string text, out long unixSeconds)
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

        return false;
    }
}
