using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PredictiveMigration.Domain.Cloud;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// The profiles the proxy routes, and the only writer of YARP's in-memory configuration. Updates are serialised.
/// A weight-only change swaps the profile's <see cref="WeightTable"/> and touches no YARP configuration; a change of
/// the endpoint set first configures the union of old and new destinations, then swaps the weights, then drops the
/// old destinations, so no request ever finds its chosen endpoint missing; in-flight requests keep their connection.
/// </summary>
/// <remarks>
/// YARP's live state (<see cref="IProxyStateLookup"/>) is resolved lazily: YARP's configuration manager depends on the
/// load-balancing policies, which depend on this registry, so taking it in the constructor would be a cycle.
/// </remarks>
internal sealed class TrafficProfileRegistry(InMemoryConfigProvider config, Func<IProxyStateLookup> stateLookup, SandboxTrafficProxyOptions options, TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<string, TrafficProfile> _profiles = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _writer = new(1, 1);

    public bool TryGet(string profile, out TrafficProfile found) => _profiles.TryGetValue(profile, out found!);

    public IReadOnlyList<TrafficProfile> All => [.. _profiles.Values.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// Creates or replaces a profile's endpoints. Returns null (and changes nothing) when the profile belongs to another
    /// resource group.
    /// </summary>
    public async Task<TrafficProfile?> PutAsync(string name, string? resourceGroup, IReadOnlyList<WeightedEndpoint> endpoints, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var table = new WeightTable(endpoints);
            var wanted = endpoints.ToDictionary(e => e.Name, e => e.Target, StringComparer.OrdinalIgnoreCase);
            if (!_profiles.TryGetValue(name, out var profile))
            {
                profile = new TrafficProfile(name, resourceGroup, table, options.HealthSampleCapacity, time);
                _profiles[name] = profile;
                await ApplyAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                if (resourceGroup is not null && profile.ResourceGroup is not null && !string.Equals(resourceGroup, profile.ResourceGroup, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                profile.ResourceGroup ??= resourceGroup;
                if (SameDestinations(profile.Destinations, wanted))
                {
                    profile.Weights = table;
                }
                else
                {
                    var union = new Dictionary<string, string>(profile.Destinations, StringComparer.OrdinalIgnoreCase);
                    foreach (var (endpoint, target) in wanted)
                    {
                        union[endpoint] = target;
                    }

                    profile.Destinations = union;
                    await ApplyAsync(cancellationToken).ConfigureAwait(false);
                    profile.Weights = table;
                    profile.Destinations = wanted;
                    await ApplyAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            TrafficLogs.ProfileUpdated(logger, name, string.Join(", ", endpoints.Select(e => $"{e.Name}={e.Weight}")));
            return profile;
        }
        finally
        {
            _writer.Release();
        }
    }

    private static bool SameDestinations(IReadOnlyDictionary<string, string> current, Dictionary<string, string> wanted) =>
        current.Count == wanted.Count && wanted.All(w => current.TryGetValue(w.Key, out var target) && target == w.Value);

    /// <summary>Publishes every profile's route and cluster to YARP and waits until YARP's live state shows them.</summary>
    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var profiles = _profiles.Values.ToList();
        var routes = profiles.Select(p => new RouteConfig
        {
            RouteId = p.Name,
            ClusterId = p.Name,
            Match = new RouteMatch { Path = $"/{p.Name}/{{**rest}}" },
        }.WithTransformPathRemovePrefix($"/{p.Name}")).ToList();
        var clusters = profiles.Select(p => new ClusterConfig
        {
            ClusterId = p.Name,
            LoadBalancingPolicy = WeightedLoadBalancingPolicy.PolicyName,
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = options.RequestTimeout },
            Destinations = p.Destinations.ToDictionary(d => d.Key, d => new DestinationConfig { Address = d.Value }, StringComparer.OrdinalIgnoreCase),
        }).ToList();
        config.Update(routes, clusters);

        // YARP applies in-memory configuration from the change notification; wait (bounded) until it is live so that
        // a PUT that returned is a PUT in force.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (!profiles.All(IsLive))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(2), time, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException("YARP did not apply the traffic configuration within 10 s.");
            }
        }
    }

    private bool IsLive(TrafficProfile profile)
    {
        var state = stateLookup();
        return state.TryGetRoute(profile.Name, out _)
            && state.TryGetCluster(profile.Name, out var cluster)
            && cluster.Destinations.Count == profile.Destinations.Count
            && profile.Destinations.All(d => cluster.Destinations.TryGetValue(d.Key, out var live) && live.Model.Config.Address == d.Value);
    }
}
