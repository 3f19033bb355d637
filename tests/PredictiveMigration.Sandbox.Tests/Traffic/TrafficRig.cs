using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Sandbox.Traffic;

namespace PredictiveMigration.Sandbox.Tests.Traffic;

/// <summary>A proxy on a free port with two real backends, <c>source</c> and <c>target</c>, and the adapters over its admin API.</summary>
internal sealed class TrafficRig : IAsyncDisposable
{
    public const string Group = "rg";
    public const string Profile = "web";

    private TrafficRig(SandboxTrafficProxy proxy, SandboxBackend source, SandboxBackend target)
    {
        Proxy = proxy;
        Source = source;
        Target = target;
        Admin = new HttpClient { BaseAddress = proxy.Endpoint };
        Traffic = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) }) { BaseAddress = proxy.ProfileUri(Profile) };
        Router = new SandboxTrafficRouter(Admin);
        Health = new SandboxEndpointHealth(Admin);
    }

    public SandboxTrafficProxy Proxy { get; }

    public SandboxBackend Source { get; }

    public SandboxBackend Target { get; }

    /// <summary>Base address: the proxy (admin API).</summary>
    public HttpClient Admin { get; }

    /// <summary>Base address: the profile's traffic entry, <c>{proxy}/web/</c>.</summary>
    public HttpClient Traffic { get; }

    public SandboxTrafficRouter Router { get; }

    public SandboxEndpointHealth Health { get; }

    public static async Task<TrafficRig> StartAsync(CancellationToken cancellationToken, BackendBehaviour? source = null, BackendBehaviour? target = null, SandboxTrafficProxyOptions? options = null)
    {
        var proxy = await SandboxTrafficProxy.StartAsync(options ?? new SandboxTrafficProxyOptions(), TimeProvider.System, cancellationToken);
        var s = await SandboxBackend.StartAsync(new SandboxBackendOptions { Name = "source", Behaviour = source ?? BackendBehaviour.Healthy }, TimeProvider.System, cancellationToken);
        var t = await SandboxBackend.StartAsync(new SandboxBackendOptions { Name = "target", Behaviour = target ?? BackendBehaviour.Healthy }, TimeProvider.System, cancellationToken);
        return new TrafficRig(proxy, s, t);
    }

    public WeightedEndpoint SourceAt(int weight) => new("source", Source.Endpoint.ToString(), weight);

    public WeightedEndpoint TargetAt(int weight) => new("target", Target.Endpoint.ToString(), weight);

    /// <summary>Sets source and target weights through the router adapter and fails the test on a failure.</summary>
    public async Task SetAsync(int source, int target, CancellationToken cancellationToken)
    {
        var result = await Router.SetWeightsAsync(Group, Profile, [SourceAt(source), TargetAt(target)], cancellationToken);
        Assert.True(result.IsSuccess, result.Failure?.ToString());
    }

    /// <summary>Sends <paramref name="count"/> sequential GETs and returns, per answer, the status and the backend that answered.</summary>
    public async Task<List<(int Status, string? Backend)>> SendAsync(int count, CancellationToken cancellationToken)
    {
        var answers = new List<(int, string?)>(count);
        for (var i = 0; i < count; i++)
        {
            using var response = await Traffic.GetAsync("work", cancellationToken);
            answers.Add(((int)response.StatusCode, response.Headers.TryGetValues("X-Backend", out var b) ? b.Single() : null));
        }

        return answers;
    }

    public async ValueTask DisposeAsync()
    {
        Traffic.Dispose();
        Admin.Dispose();
        await Source.DisposeAsync();
        await Target.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
