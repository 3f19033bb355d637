namespace PredictiveMigration.Azure.Alerts;

/// <summary>What throttling held back from one subscription in one window, for the summary.</summary>
internal sealed class ThrottleCounts
{
    /// <summary>At most this many servers are named; the rest are counted under "others".</summary>
    public const int MaxServers = 20;

    public Dictionary<string, int> Reasons { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Kinds { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Servers { get; set; } = new(StringComparer.Ordinal);

    public int OtherServers { get; set; }

    public void Add(string reason, string kind, string? server)
    {
        Reasons[reason] = Reasons.GetValueOrDefault(reason) + 1;
        Kinds[kind] = Kinds.GetValueOrDefault(kind) + 1;
        if (server is null)
        {
            return;
        }

        if (Servers.ContainsKey(server) || Servers.Count < MaxServers)
        {
            Servers[server] = Servers.GetValueOrDefault(server) + 1;
        }
        else
        {
            OtherServers++;
        }
    }
}
