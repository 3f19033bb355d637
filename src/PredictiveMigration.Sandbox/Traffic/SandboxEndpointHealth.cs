using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// <see cref="IEndpointHealth"/> over the admin API of a <see cref="SandboxTrafficProxy"/>: the proxy's passive
/// accounting of the endpoint (requests, failures including those it retried elsewhere, p95 latency) over the window.
/// <paramref name="http"/> has the proxy's address as its base address. An unknown profile or endpoint throws
/// <see cref="InvalidOperationException"/> (verifying something that is not routed is a bug, not a health signal);
/// an unreachable proxy throws <see cref="HttpRequestException"/>.
/// </summary>
public sealed class SandboxEndpointHealth(HttpClient http) : IEndpointHealth
{
    public async Task<EndpointHealthSample> SampleAsync(string profile, string endpoint, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(profile);
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var windowMs = Math.Max(1, (long)Math.Ceiling(window.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        using var response = await http.GetAsync($"admin/profiles/{Uri.EscapeDataString(profile)}/endpoints/{Uri.EscapeDataString(endpoint)}/health?windowMs={windowMs}", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var failure = await TrafficAdminFailures.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
            throw response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest
                ? new InvalidOperationException($"cannot sample endpoint '{endpoint}' of profile '{profile}': {failure.Code}: {failure.Message}")
                : new HttpRequestException($"the traffic proxy answered {failure.Status} {failure.Code}: {failure.Message}", null, response.StatusCode);
        }

        var health = (await response.Content.ReadFromJsonAsync<EndpointHealthDocument>(cancellationToken).ConfigureAwait(false))!;
        return new EndpointHealthSample(health.Endpoint, health.Requests, health.Failures, health.P95LatencyMs);
    }
}
