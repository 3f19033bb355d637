namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// Where connectors for a source region go: the source region itself when connectors may run there, otherwise the
/// allowed region with the lowest latency to it, within <see cref="MaxLatencyMs"/>. Ties go to the region name in
/// ordinal order, so the choice is deterministic.
/// </summary>
public sealed class ConnectorPlacement
{
    private readonly IReadOnlyList<string> _regions;
    private readonly RegionLatency _latency;

    /// <param name="connectorRegions">Regions connectors may run in; empty means every source region hosts its own.</param>
    /// <param name="latency">Region latencies.</param>
    /// <param name="maxLatencyMs">The most latency tolerated between a source and its connectors [100 ms].</param>
    public ConnectorPlacement(IEnumerable<string> connectorRegions, RegionLatency latency, double maxLatencyMs = 100)
    {
        ArgumentNullException.ThrowIfNull(connectorRegions);
        ArgumentNullException.ThrowIfNull(latency);
        _regions = [.. connectorRegions.Select(r => r.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)];
        _latency = latency;
        MaxLatencyMs = maxLatencyMs > 0 ? maxLatencyMs : throw new ArgumentOutOfRangeException(nameof(maxLatencyMs), maxLatencyMs, "Connectors:MaxLatencyMs must be positive.");
    }

    public double MaxLatencyMs { get; }

    /// <summary>Connectors may run in every region (each source hosts its own).</summary>
    public static ConnectorPlacement Anywhere(RegionLatency latency) => new([], latency);

    /// <summary>Latency between two regions (1 ms within one), NaN when unknown.</summary>
    public double Latency(string from, string to) =>
        string.Equals(from, to, StringComparison.OrdinalIgnoreCase) ? 1 : _latency(from.ToLowerInvariant(), to.ToLowerInvariant());

    /// <summary>The connector region for a source, with its latency; null when no allowed region is within reach.</summary>
    public (string Region, double LatencyMs)? RegionFor(string sourceRegion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceRegion);
        var source = sourceRegion.ToLowerInvariant();
        if (_regions.Count == 0 || _regions.Contains(source))
        {
            return (source, 1);
        }

        (string Region, double LatencyMs)? best = null;
        foreach (var region in _regions)
        {
            var ms = Latency(source, region);
            if (double.IsNaN(ms) || ms > MaxLatencyMs)
            {
                continue;
            }

            if (best is null || ms < best.Value.LatencyMs)
            {
                best = (region, ms);
            }
        }

        return best;
    }
}
