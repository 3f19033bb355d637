namespace PredictiveMigration.Agent.Sampling;

/// <summary>Parses /proc/diskstats, keeping whole physical disks only.</summary>
public static class DiskStatsParser
{
    /// <summary>
    /// Devices whose I/O is not disk I/O (loop, ram, zram) or is already counted on the disks below them
    /// (dm-* for LVM/dm-crypt, md* for software RAID).
    /// </summary>
    private static readonly string[] SkippedPrefixes = ["loop", "ram", "zram", "dm-", "md"];

    /// <summary>
    /// Returns the counters of each whole disk by name. Partitions are left out: a name that is another listed
    /// device's name plus digits (<c>sda1</c> of <c>sda</c>), or plus <c>p</c> and digits when that name ends in a
    /// digit (<c>nvme0n1p1</c> of <c>nvme0n1</c>, <c>mmcblk0p2</c> of <c>mmcblk0</c>).
    /// </summary>
    public static Dictionary<string, DiskCounters> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var all = new Dictionary<string, DiskCounters>(StringComparer.Ordinal);
        Span<ulong> numbers = stackalloc ulong[7];
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            // major minor name reads merged sectorsRead msReading writes merged sectorsWritten ...
            var fields = line.Trim();
            if (!TrySplitName(fields, out var name, out var stats))
            {
                continue;
            }

            if (ProcText.ParseFields(stats, numbers) < numbers.Length)
            {
                continue;
            }

            all[name] = new DiskCounters(numbers[0], numbers[2], numbers[4], numbers[6]);
        }

        var disks = new Dictionary<string, DiskCounters>(StringComparer.Ordinal);
        foreach (var (name, counters) in all)
        {
            if (!IsSkippedDevice(name) && !IsPartition(name, all))
            {
                disks[name] = counters;
            }
        }

        return disks;
    }

    internal static bool IsSkippedDevice(string name)
    {
        foreach (var prefix in SkippedPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsPartition(string name, IReadOnlyDictionary<string, DiskCounters> devices)
    {
        // The parent is the longest listed device name that the name extends with a partition suffix.
        for (var length = name.Length - 1; length > 0; length--)
        {
            var parent = name[..length];
            var suffix = name.AsSpan(length);
            if (!devices.ContainsKey(parent))
            {
                continue;
            }

            var parentEndsInDigit = char.IsAsciiDigit(parent[^1]);
            if (!parentEndsInDigit && IsDigits(suffix))
            {
                return true;
            }

            if (parentEndsInDigit && suffix.Length > 1 && suffix[0] == 'p' && IsDigits(suffix[1..]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TrySplitName(ReadOnlySpan<char> fields, out string name, out ReadOnlySpan<char> stats)
    {
        name = string.Empty;
        stats = default;
        var index = 0;
        var rest = fields;
        while (index < 3)
        {
            rest = rest.TrimStart();
            if (rest.IsEmpty)
            {
                return false;
            }

            var end = rest.IndexOfAny(' ', '\t');
            var token = end < 0 ? rest : rest[..end];
            if (index == 2)
            {
                name = token.ToString();
            }

            rest = end < 0 ? default : rest[end..];
            index++;
        }

        stats = rest;
        return name.Length > 0;
    }
}
