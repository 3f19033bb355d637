using System.Collections.Concurrent;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>One routed profile: its current weights, the destinations configured in YARP and per-endpoint health.</summary>
internal sealed class TrafficProfile(string name, string? resourceGroup, WeightTable weights, int sampleCapacity, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, EndpointStats> _stats = new(StringComparer.OrdinalIgnoreCase);
    private WeightTable _weights = weights;
    private long _retries;
    private long _noDestination;

    public string Name { get; } = name;

    public string? ResourceGroup { get; set; } = resourceGroup;

    /// <summary>The weights new requests are routed by; replaced atomically.</summary>
    public WeightTable Weights
    {
        get => Volatile.Read(ref _weights);
        set => Volatile.Write(ref _weights, value);
    }

    /// <summary>The destinations (name → address) configured in YARP; during an update, the union of old and new.</summary>
    public IReadOnlyDictionary<string, string> Destinations { get; set; } = weights.Endpoints.ToDictionary(e => e.Name, e => e.Target, StringComparer.OrdinalIgnoreCase);

    public long Retries => Interlocked.Read(ref _retries);

    public long NoDestination => Interlocked.Read(ref _noDestination);

    public EndpointStats StatsOf(string endpoint) => _stats.GetOrAdd(endpoint, e => new EndpointStats(e, sampleCapacity, time));

    public void CountRetry() => Interlocked.Increment(ref _retries);

    public void CountNoDestination() => Interlocked.Increment(ref _noDestination);

    public TrafficProfileDocument ToDocument()
    {
        var weights = Weights;
        return new TrafficProfileDocument(Name, ResourceGroup, [.. weights.Endpoints.Select(e => new TrafficEndpointDocument(e.Name, e.Target, e.Weight, weights.ShareOf(e.Name)))]);
    }
}
