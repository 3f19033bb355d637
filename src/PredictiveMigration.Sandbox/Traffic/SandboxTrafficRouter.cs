using System.Net;
using System.Net.Http.Json;
using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// <see cref="ITrafficRouter"/> over the admin API of a <see cref="SandboxTrafficProxy"/> (in or out of process).
/// <paramref name="http"/> has the proxy's address as its base address. The profile name is the proxy profile (like a
/// Traffic Manager DNS name, unique across resource groups); the resource group is recorded on the profile, and a
/// profile owned by another group is refused (409) and reads as absent. Failures are values (<see cref="CloudFailure"/>).
/// </summary>
public sealed class SandboxTrafficRouter(HttpClient http) : ITrafficRouter
{
    public async Task<CloudResult<IReadOnlyList<WeightedEndpoint>>> SetWeightsAsync(string resourceGroup, string profile, IReadOnlyList<WeightedEndpoint> endpoints, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceGroup);
        ArgumentException.ThrowIfNullOrEmpty(profile);
        ArgumentNullException.ThrowIfNull(endpoints);
        var body = new { resourceGroup, endpoints = endpoints.Select(e => new { name = e.Name, target = e.Target, weight = e.Weight }) };
        try
        {
            using var response = await http.PutAsJsonAsync(Path(profile), body, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return CloudResult<IReadOnlyList<WeightedEndpoint>>.Fail(await TrafficAdminFailures.FromResponseAsync(response, cancellationToken).ConfigureAwait(false));
            }

            var document = await response.Content.ReadFromJsonAsync<TrafficProfileDocument>(cancellationToken).ConfigureAwait(false);
            return CloudResult<IReadOnlyList<WeightedEndpoint>>.Ok(ToEndpoints(document!));
        }
        catch (Exception ex) when (IsUnreachable(ex, cancellationToken))
        {
            return CloudResult<IReadOnlyList<WeightedEndpoint>>.Fail(TrafficAdminFailures.Unreachable(ex));
        }
    }

    public async Task<CloudResult<IReadOnlyList<WeightedEndpoint>>> GetWeightsAsync(string resourceGroup, string profile, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceGroup);
        ArgumentException.ThrowIfNullOrEmpty(profile);
        try
        {
            using var response = await http.GetAsync(Path(profile), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                var failure = await TrafficAdminFailures.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
                return failure.Code == "ProfileNotFound" ? CloudResult<IReadOnlyList<WeightedEndpoint>>.Ok([]) : CloudResult<IReadOnlyList<WeightedEndpoint>>.Fail(failure);
            }

            if (!response.IsSuccessStatusCode)
            {
                return CloudResult<IReadOnlyList<WeightedEndpoint>>.Fail(await TrafficAdminFailures.FromResponseAsync(response, cancellationToken).ConfigureAwait(false));
            }

            var document = (await response.Content.ReadFromJsonAsync<TrafficProfileDocument>(cancellationToken).ConfigureAwait(false))!;
            var ownedElsewhere = document.ResourceGroup is not null && !string.Equals(document.ResourceGroup, resourceGroup, StringComparison.OrdinalIgnoreCase);
            return CloudResult<IReadOnlyList<WeightedEndpoint>>.Ok(ownedElsewhere ? [] : ToEndpoints(document));
        }
        catch (Exception ex) when (IsUnreachable(ex, cancellationToken))
        {
            return CloudResult<IReadOnlyList<WeightedEndpoint>>.Fail(TrafficAdminFailures.Unreachable(ex));
        }
    }

    private static string Path(string profile) => $"admin/profiles/{Uri.EscapeDataString(profile)}/endpoints";

    private static List<WeightedEndpoint> ToEndpoints(TrafficProfileDocument document) =>
        [.. document.Endpoints.Select(e => new WeightedEndpoint(e.Name, e.Target, e.Weight))];

    /// <summary>No answer: connection refused or reset, or the client's own timeout (not the caller's cancellation).</summary>
    internal static bool IsUnreachable(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);
}
