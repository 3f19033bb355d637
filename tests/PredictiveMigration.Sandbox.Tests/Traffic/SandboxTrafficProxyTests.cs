using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Sandbox.Traffic;

namespace PredictiveMigration.Sandbox.Tests.Traffic;

/// <summary>Weighted routing, in-flight safety, retries and passive health of the real YARP proxy.</summary>
public sealed class SandboxTrafficProxyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static Task<EndpointHealthDocument?> HealthAsync(TrafficRig rig, string endpoint) =>
        rig.Admin.GetFromJsonAsync<EndpointHealthDocument>($"admin/profiles/{TrafficRig.Profile}/endpoints/{endpoint}/health?windowMs=60000", Ct);

    [Fact(Timeout = 30_000)]
    public async Task Weights_AnyScale_SplitNewRequestsInExactProportion()
    {
        await using var rig = await TrafficRig.StartAsync(Ct);
        await rig.SetAsync(3, 1, Ct);

        var answers = await rig.SendAsync(40, Ct);
        var profile = await rig.Admin.GetFromJsonAsync<TrafficProfileDocument>($"admin/profiles/{TrafficRig.Profile}/endpoints", Ct);

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.Equal(30, answers.Count(a => a.Backend == "source"));
        Assert.Equal(10, answers.Count(a => a.Backend == "target"));
        Assert.Equal(0.75, profile!.Endpoints.Single(e => e.Name == "source").Share);
        Assert.Equal(TrafficRig.Group, profile.ResourceGroup);
    }

    [Fact(Timeout = 30_000)]
    public async Task Weights_ZeroWeight_ReceivesNoRequests()
    {
        await using var rig = await TrafficRig.StartAsync(Ct);
        await rig.SetAsync(0, 100, Ct);

        var answers = await rig.SendAsync(20, Ct);

        Assert.All(answers, a => Assert.Equal((200, "target"), a));
        Assert.Equal(0, rig.Source.Stats.Served);
    }

    [Fact(Timeout = 30_000)]
    public async Task WeightAndEndpointChange_WhileRequestsAreInFlight_LetsThemFinish()
    {
        await using var rig = await TrafficRig.StartAsync(Ct, source: new BackendBehaviour(TimeSpan.FromMilliseconds(600)));
        await rig.SetAsync(100, 0, Ct);
        var inFlight = Enumerable.Range(0, 4).Select(_ => rig.Traffic.GetAsync("slow", Ct)).ToList();
        while (rig.Source.Stats.InFlight < 4)
        {
            await Task.Delay(5, Ct);
        }

        // Remove the source from the profile altogether while its four requests are running.
        var set = await rig.Router.SetWeightsAsync(TrafficRig.Group, TrafficRig.Profile, [rig.TargetAt(100)], Ct);
        var after = await rig.SendAsync(5, Ct);
        var finished = await Task.WhenAll(inFlight);

        Assert.True(set.IsSuccess);
        Assert.All(finished, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(finished, r => Assert.Equal("source", r.Headers.GetValues("X-Backend").Single()));
        Assert.All(after, a => Assert.Equal((200, "target"), a));
        Assert.Equal(4, rig.Source.Stats.Served);
    }

    [Fact(Timeout = 30_000)]
    public async Task ConcurrentUpdates_LeaveExactlyOneWrittenWeightSetInForce()
    {
        await using var rig = await TrafficRig.StartAsync(Ct);
        await rig.SetAsync(100, 0, Ct);

        var writers = Enumerable.Range(1, 24).Select(i => Task.Run(() => rig.Router.SetWeightsAsync(TrafficRig.Group, TrafficRig.Profile, [rig.SourceAt(i), rig.TargetAt(100 - i)], Ct), Ct)).ToList();
        var results = await Task.WhenAll(writers);
        var read = await rig.Router.GetWeightsAsync(TrafficRig.Group, TrafficRig.Profile, Ct);
        var source = read.Value!.Single(e => e.Name == "source").Weight;
        var answers = await rig.SendAsync(100, Ct);

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.InRange(source, 1, 24);
        Assert.Equal(100 - source, read.Value!.Single(e => e.Name == "target").Weight);
        Assert.Equal(source, answers.Count(a => a.Backend == "source"));
        Assert.Equal(100 - source, answers.Count(a => a.Backend == "target"));
    }

    [Fact(Timeout = 30_000)]
    public async Task ConnectionFailure_OnIdempotentRequest_IsRetriedElsewhereAndStillCounted()
    {
        await using var rig = await TrafficRig.StartAsync(Ct);
        var dead = new WeightedEndpoint("dead", $"http://127.0.0.1:{ClosedPort()}/", 50);
        Assert.True((await rig.Router.SetWeightsAsync(TrafficRig.Group, TrafficRig.Profile, [rig.SourceAt(50), dead], Ct)).IsSuccess);

        var answers = await rig.SendAsync(20, Ct);
        var health = await HealthAsync(rig, "dead");
        var profile = await rig.Admin.GetFromJsonAsync<ProfileHealthDocument>($"admin/profiles/{TrafficRig.Profile}/health", Ct);

        Assert.All(answers, a => Assert.Equal((200, "source"), a));
        Assert.Equal(10, health!.Requests);
        Assert.Equal(10, health.ConnectionErrors);
        Assert.Equal(10, health.Failures);
        Assert.Equal(10, health.TotalRetried);
        Assert.Equal(10, profile!.Retries);
    }

    [Fact(Timeout = 30_000)]
    public async Task ConnectionFailure_OnPostWithBody_IsNotRetried()
    {
        await using var rig = await TrafficRig.StartAsync(Ct);
        var dead = new WeightedEndpoint("dead", $"http://127.0.0.1:{ClosedPort()}/", 50);
        Assert.True((await rig.Router.SetWeightsAsync(TrafficRig.Group, TrafficRig.Profile, [rig.SourceAt(50), dead], Ct)).IsSuccess);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await rig.Traffic.PostAsync("orders", new StringContent("{\"id\":1}"), Ct);
            statuses.Add(response.StatusCode);
        }

        var health = await HealthAsync(rig, "dead");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadGateway], statuses.Order());
        Assert.Equal(1, health!.ConnectionErrors);
        Assert.Equal(0, health.TotalRetried);
    }

    [Fact(Timeout = 30_000)]
    public async Task Health_CountsServerErrorsAndLatencyPerEndpoint()
    {
        await using var rig = await TrafficRig.StartAsync(Ct, source: new BackendBehaviour(TimeSpan.FromMilliseconds(60)), target: new BackendBehaviour(TimeSpan.Zero, FailureRate: 0.5));
        await rig.SetAsync(50, 50, Ct);

        var answers = await rig.SendAsync(20, Ct);
        var source = await HealthAsync(rig, "source");
        var target = await HealthAsync(rig, "target");

        Assert.Equal(5, answers.Count(a => a.Status == 500));
        Assert.Equal((10, 0), (source!.Requests, source.Failures));
        Assert.Equal((10, 5, 5), (target!.Requests, target.Failures, target.ServerErrors));
        Assert.True(source.P95LatencyMs >= 60, $"p95 {source.P95LatencyMs} ms below the backend's 60 ms latency");
        Assert.True(source.P50LatencyMs <= source.P95LatencyMs && source.P95LatencyMs <= source.P99LatencyMs);
    }

    [Fact(Timeout = 30_000)]
    public async Task Health_DestinationSlowerThanTheRequestTimeout_CountsATimeout()
    {
        await using var rig = await TrafficRig.StartAsync(Ct, target: new BackendBehaviour(TimeSpan.FromSeconds(5)), options: new SandboxTrafficProxyOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        await rig.SetAsync(0, 100, Ct);

        var answers = await rig.SendAsync(1, Ct);
        var target = await HealthAsync(rig, "target");

        Assert.Equal(504, answers.Single().Status);
        Assert.Equal((1, 1, 1), (target!.Requests, target.Failures, target.Timeouts));
    }
}
