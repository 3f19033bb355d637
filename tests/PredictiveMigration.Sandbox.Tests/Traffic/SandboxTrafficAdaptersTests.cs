using System.Net;
using System.Net.Sockets;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Sandbox.Traffic;

namespace PredictiveMigration.Sandbox.Tests.Traffic;

/// <summary><see cref="SandboxTrafficRouter"/> and <see cref="SandboxEndpointHealth"/> against a running proxy.</summary>
public sealed class SandboxTrafficAdaptersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task Router_SetThenGet_RoundTripsAndSettingTwiceIsIdempotent()
    {
        await using var rig = await TrafficRig.StartAsync(Ct);
        IReadOnlyList<WeightedEndpoint> wanted = [rig.SourceAt(90), rig.TargetAt(10)];

        var first = await rig.Router.SetWeightsAsync(TrafficRig.Group, TrafficRig.Profile, wanted, Ct);
        var second = await rig.Router.SetWeightsAsync(TrafficRig.Group, TrafficRig.Profile, wanted, Ct);
        var read = await rig.Router.GetWeightsAsync(TrafficRig.Group, TrafficRig.Profile, Ct);

        Assert.Equal(wanted, first.Value);
        Assert.Equal(wanted, second.Value);
        Assert.Equal(wanted, read.Value);
    }

    [Fact(Timeout = 30_000)]
    public async Task Router_GetUnknownProfileOrAnotherGroups_IsEmpty()
    {
        await using var rig = await TrafficRig.StartAsync(Ct);
        await rig.SetAsync(100, 0, Ct);

        var unknown = await rig.Router.GetWeightsAsync(TrafficRig.Group, "nothing-here", Ct);
        var otherGroup = await rig.Router.GetWeightsAsync("other-rg", TrafficRig.Profile, Ct);

        Assert.True(unknown.IsSuccess);
        Assert.Empty(unknown.Value!);
        Assert.True(otherGroup.IsSuccess);
        Assert.Empty(otherGroup.Value!);
    }

    [Fact(Timeout = 30_000)]
    public async Task Router_SetInAnotherGroupOrBadWeight_IsANonTransientFailureWithTheProxysCode()
    {
        await using var rig = await TrafficRig.StartAsync(Ct);
        await rig.SetAsync(100, 0, Ct);

        var conflict = await rig.Router.SetWeightsAsync("other-rg", TrafficRig.Profile, [rig.SourceAt(1)], Ct);
        var badWeight = await rig.Router.SetWeightsAsync(TrafficRig.Group, TrafficRig.Profile, [rig.SourceAt(-5), rig.TargetAt(5)], Ct);

        Assert.Equal(("ProfileInOtherResourceGroup", 409, false), (conflict.Failure!.Code, conflict.Failure.Status, conflict.Failure.Transient));
        Assert.Equal(("InvalidWeight", 400, false), (badWeight.Failure!.Code, badWeight.Failure.Status, badWeight.Failure.Transient));
        Assert.Contains("endpoints[0].weight", badWeight.Failure.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Router_ProxyNotListening_IsATransientFailure()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var router = new SandboxTrafficRouter(http);

        var set = await router.SetWeightsAsync("rg", "web", [new WeightedEndpoint("a", "http://127.0.0.1:1/", 1)], Ct);
        var get = await router.GetWeightsAsync("rg", "web", Ct);

        Assert.Equal(("ProxyUnreachable", true), (set.Failure!.Code, set.Failure.Transient));
        Assert.Equal(("ProxyUnreachable", true), (get.Failure!.Code, get.Failure.Transient));
    }

    [Fact(Timeout = 30_000)]
    public async Task Health_SamplesWhatTheProxySaw()
    {
        await using var rig = await TrafficRig.StartAsync(Ct, target: new BackendBehaviour(TimeSpan.FromMilliseconds(10), FailureRate: 0.5));
        await rig.SetAsync(50, 50, Ct);
        await rig.SendAsync(20, Ct);

        var target = await rig.Health.SampleAsync(TrafficRig.Profile, "target", TimeSpan.FromMinutes(1), Ct);
        var source = await rig.Health.SampleAsync(TrafficRig.Profile, "source", TimeSpan.FromMinutes(1), Ct);

        Assert.Equal(("target", 10L, 5L, 0.5), (target.Endpoint, target.Requests, target.Failures, target.ErrorRate));
        Assert.True(target.P95LatencyMs >= 10, $"p95 {target.P95LatencyMs} ms below the backend's 10 ms");
        Assert.Equal((10L, 0L), (source.Requests, source.Failures));
    }

    [Fact(Timeout = 30_000)]
    public async Task Health_UnknownEndpoint_Throws()
    {
        await using var rig = await TrafficRig.StartAsync(Ct);
        await rig.SetAsync(100, 0, Ct);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => rig.Health.SampleAsync(TrafficRig.Profile, "ghost", TimeSpan.FromSeconds(1), Ct));

        Assert.Contains("EndpointNotFound", ex.Message, StringComparison.Ordinal);
    }
}
