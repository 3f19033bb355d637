namespace PredictiveMigration.Agent.Sampling;

/// <summary>Parses /proc/stat.</summary>
public static class StatParser
{
    /// <summary>
    /// Reads the aggregate <c>cpu</c> line (user nice system idle iowait irq softirq steal; guest and guest_nice are
    /// already counted in user and nice, so they are left out of the total) and counts the <c>cpuN</c> lines.
    /// </summary>
    /// <exception cref="FormatException">There is no aggregate cpu line.</exception>
    public static CpuSnapshot Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        CpuTimes? aggregate = null;
        var cores = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith("cpu"))
            {
                continue;
            }

            var rest = line[3..];
            if (rest.Length > 0 && char.IsAsciiDigit(rest[0]))
            {
                cores++;
                continue;
            }

            if (rest.Length > 0 && rest[0] == ' ')
            {
                aggregate = ParseTimes(rest);
            }
        }

        return aggregate is { } times
            ? new CpuSnapshot(times, cores)
            : throw new FormatException("/proc/stat has no aggregate cpu line");
    }

    private static CpuTimes ParseTimes(ReadOnlySpan<char> fields)
    {
        Span<ulong> values = stackalloc ulong[8];
        var count = ProcText.ParseFields(fields, values);
        if (count < 4)
        {
            throw new FormatException("/proc/stat cpu line has fewer than 4 fields");
        }

        ulong total = 0;
        for (var i = 0; i < count; i++)
        {
            total += values[i];
        }

        // Field 3 is idle, field 4 (kernels since 2.5.41) iowait: a CPU waiting for I/O is not busy.
        var idle = values[3] + (count > 4 ? values[4] : 0);
        return new CpuTimes(total, idle);
    }
}
