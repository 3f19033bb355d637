using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Functions.Migrations;

/// <summary>
/// The endpoint-health source when none is configured (Azure today: Traffic Manager's monitor gives no request counts
/// or latency, and the Application Insights reader is not written yet). It fails closed: verification fails with this
/// message, so a migration rolls back instead of shifting traffic unverified.
/// </summary>
public sealed class UnconfiguredEndpointHealth : IEndpointHealth
{
    public Task<EndpointHealthSample> SampleAsync(string profile, string endpoint, TimeSpan window, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(
            $"no endpoint health source is configured, so '{endpoint}' of '{profile}' cannot be verified; traffic shifting fails closed (docs/migrations.md)");
}
