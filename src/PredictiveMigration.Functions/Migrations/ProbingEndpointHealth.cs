using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Functions.Migrations;

/// <summary>
/// Endpoint health in Azure by active probing: the endpoint's target host comes from the traffic profile
/// (<see cref="ITrafficRouter.GetWeightsAsync"/> in <see cref="ProbingEndpointHealthOptions.ResourceGroup"/>), then
/// <see cref="ProbingEndpointHealthOptions.Probes"/> GETs of <c>{scheme}://{target}{path}</c> are started evenly over
/// min(window, 10 s), each with its own timeout. A non-2xx/3xx answer, a timeout or a connection error is a failure;
/// the p95 latency is over every probe (a timed-out probe counts at its timeout). Redirects are not followed.
/// Latency and the probe timeout are physical durations, measured on the wall clock (<see cref="TimeProvider.System"/>)
/// whatever <paramref name="time"/> is: under the sandbox's accelerated clock a 5 ms answer must not read as 1.4 s.
/// The spread of the probes over the window follows <paramref name="time"/>.
/// </summary>
public sealed class ProbingEndpointHealth(HttpClient http, ITrafficRouter router, ProbingEndpointHealthOptions options, TimeProvider time) : IEndpointHealth
{
    public async Task<EndpointHealthSample> SampleAsync(string profile, string endpoint, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(profile);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        var weights = await router.GetWeightsAsync(options.ResourceGroup, profile, cancellationToken).ConfigureAwait(false);
        if (!weights.IsSuccess)
        {
            throw new InvalidOperationException($"cannot read traffic profile '{profile}' in '{options.ResourceGroup}' to probe '{endpoint}': {weights.Failure}");
        }

        var entry = weights.Value!.FirstOrDefault(e => string.Equals(e.Name, endpoint, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"endpoint '{endpoint}' is not in traffic profile '{profile}' of '{options.ResourceGroup}'");
        if (string.IsNullOrWhiteSpace(entry.Target) || !Uri.TryCreate($"{options.Scheme}://{entry.Target}{options.Path}", UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"endpoint '{endpoint}' of '{profile}' has no usable target host ('{entry.Target}')");
        }

        var spread = window > TimeSpan.Zero ? (window < ProbingEndpointHealthOptions.MaxSpread ? window : ProbingEndpointHealthOptions.MaxSpread) : TimeSpan.Zero;
        var interval = spread / options.Probes;
        var probes = new Task<(bool Ok, double Ms)>[options.Probes];
        for (var i = 0; i < probes.Length; i++)
        {
            if (i > 0 && interval > TimeSpan.Zero)
            {
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            }

            probes[i] = ProbeAsync(uri, cancellationToken);
        }

        var results = await Task.WhenAll(probes).ConfigureAwait(false);
        var latencies = results.Select(r => r.Ms).Order().ToArray();
        var p95 = latencies[Math.Max(0, (int)Math.Ceiling(0.95 * latencies.Length) - 1)];
        return new EndpointHealthSample(endpoint, results.Length, results.Count(r => !r.Ok), p95);
    }

    private async Task<(bool Ok, double Ms)> ProbeAsync(Uri uri, CancellationToken cancellationToken)
    {
        var wall = TimeProvider.System;
        using var timeout = new CancellationTokenSource(options.ProbeTimeout, wall);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = wall.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return (status is >= 200 and < 400, wall.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, wall.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (HttpRequestException)
        {
            return (false, wall.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
