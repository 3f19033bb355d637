using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>YARP load balancing by the profile's current <see cref="WeightTable"/> (read once per request).</summary>
internal sealed class WeightedLoadBalancingPolicy(TrafficProfileRegistry registry) : ILoadBalancingPolicy
{
    public const string PolicyName = "PredictiveMigration.Weighted";

    public string Name => PolicyName;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations) =>
        registry.TryGet(cluster.ClusterId, out var profile) ? profile.Weights.Pick(availableDestinations) : null;
}
