namespace PredictiveMigration.Agent.Sampling;

/// <summary>Parses /proc/net/dev.</summary>
public static class NetDevParser
{
    /// <summary>The loopback interface, whose traffic never leaves the machine.</summary>
    public const string Loopback = "lo";

    /// <summary>Returns the receive and transmit byte counters of every interface except <c>lo</c>.</summary>
    public static Dictionary<string, NetCounters> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var interfaces = new Dictionary<string, NetCounters>(StringComparer.Ordinal);
        Span<ulong> numbers = stackalloc ulong[9];
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            // "  eth0: rxBytes rxPackets rxErrs rxDrop rxFifo rxFrame rxCompressed rxMulticast txBytes ..."
            // The two header lines have a '|' and no ':' before it.
            var colon = line.IndexOf(':');
            if (colon <= 0 || line[..colon].Contains('|'))
            {
                continue;
            }

            var name = line[..colon].Trim().ToString();
            if (name.Length == 0 || name == Loopback)
            {
                continue;
            }

            if (ProcText.ParseFields(line[(colon + 1)..], numbers) < numbers.Length)
            {
                continue;
            }

            interfaces[name] = new NetCounters(numbers[0], numbers[8]);
        }

        return interfaces;
    }
}
