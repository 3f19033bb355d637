namespace PredictiveMigration.Agent.Sampling;

/// <summary>Parses /proc/meminfo.</summary>
public static class MeminfoParser
{
    private const ulong BytesPerKilobyte = 1024;

    /// <summary>
    /// Reads MemTotal and MemAvailable (kB, converted to bytes). Kernels older than 3.14 have no MemAvailable:
    /// then MemFree + Buffers + Cached stands in for it.
    /// </summary>
    /// <exception cref="FormatException">MemTotal is missing or a value is not a number.</exception>
    public static MemorySnapshot Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong? total = null;
        ulong? available = null;
        ulong free = 0;
        ulong buffers = 0;
        ulong cached = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon];
            var value = line[(colon + 1)..];
            switch (key)
            {
                case "MemTotal":
                    total = ParseKilobytes(value);
                    break;
                case "MemAvailable":
                    available = ParseKilobytes(value);
                    break;
                case "MemFree":
                    free = ParseKilobytes(value);
                    break;
                case "Buffers":
                    buffers = ParseKilobytes(value);
                    break;
                case "Cached":
                    cached = ParseKilobytes(value);
                    break;
                default:
                    break;
            }
        }

        if (total is not { } totalKb)
        {
            throw new FormatException("/proc/meminfo has no MemTotal line");
        }

        var availableKb = available ?? free + buffers + cached;
        return new MemorySnapshot(totalKb * BytesPerKilobyte, availableKb * BytesPerKilobyte);
    }

    private static ulong ParseKilobytes(ReadOnlySpan<char> rest)
    {
        rest = rest.Trim();
        if (rest.EndsWith(" kB", StringComparison.Ordinal))
        {
            rest = rest[..^3].TrimEnd();
        }

        return ProcText.ParseNumber(rest);
    }
}
