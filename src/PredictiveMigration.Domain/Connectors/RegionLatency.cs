namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// Round-trip milliseconds between two regions; <see cref="double.NaN"/> when unknown (unreachable). The sandbox's
/// <c>CloudCatalog.Latency</c> has this shape.
/// </summary>
public delegate double RegionLatency(string from, string to);
