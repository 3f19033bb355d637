namespace PredictiveMigration.Domain.Migrations;

/// <summary>
/// Health of one traffic endpoint as seen by the traffic layer (the proxy or the load balancer's probes) over a
/// window: what progressive shifting verifies after each step.
/// </summary>
public interface IEndpointHealth
{
    /// <summary>Samples an endpoint's requests, failures and latency over the last <paramref name="window"/>.</summary>
    /// <param name="profile">The traffic profile (the routing resource).</param>
    /// <param name="endpoint">The endpoint name within the profile.</param>
    /// <param name="window">How far back to look.</param>
    /// <param name="cancellationToken">Cancels the sample.</param>
    Task<EndpointHealthSample> SampleAsync(string profile, string endpoint, TimeSpan window, CancellationToken cancellationToken);
}

/// <summary>Requests, failures and latency of an endpoint over a window.</summary>
public sealed record EndpointHealthSample(string Endpoint, long Requests, long Failures, double P95LatencyMs)
{
    /// <summary>Failures over requests; 0 when there were none.</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)Failures / Requests;
}
