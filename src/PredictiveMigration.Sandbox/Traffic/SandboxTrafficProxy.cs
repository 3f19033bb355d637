using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace PredictiveMigration.Sandbox.Traffic;

/// <summary>
/// The sandbox's weighted router: a YARP reverse proxy on 127.0.0.1 standing for Traffic Manager (ADR 0005). Each
/// profile is a route <c>/{profile}/…</c> (the prefix is stripped) to weighted destinations; weights change through
/// the admin API (<see cref="TrafficAdminApi"/>) and apply to the next request, while requests in flight finish
/// where they are. Every attempt is accounted per destination (<see cref="EndpointStats"/>).
/// </summary>
public sealed class SandboxTrafficProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxTrafficProxy(WebApplication app)
    {
        _app = app;
        Endpoint = new Uri(app.Urls.First());
    }

    /// <summary>The proxy's base address, e.g. <c>http://127.0.0.1:51234/</c>; traffic for profile p goes to <c>{Endpoint}p/…</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Where a profile's traffic enters the proxy.</summary>
    public Uri ProfileUri(string profile) => new(Endpoint, $"{profile}/");

    public static async Task<SandboxTrafficProxy> StartAsync(SandboxTrafficProxyOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // YARP logs every failed forward with a stack trace; failures are accounted per endpoint (health API) instead.
        builder.Logging.AddFilter("Yarp", LogLevel.Error);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(time);
        // YARP's session affinity needs data protection; keep its keys in memory, not in the user's profile.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddReverseProxy().LoadFromMemory([], []);
        builder.Services.AddSingleton(sp => new TrafficProfileRegistry(
            sp.GetRequiredService<InMemoryConfigProvider>(),
            sp.GetRequiredService<IProxyStateLookup>,
            options,
            time,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<SandboxTrafficProxy>()));
        builder.Services.AddSingleton<ILoadBalancingPolicy, WeightedLoadBalancingPolicy>();
        var app = builder.Build();

        var registry = app.Services.GetRequiredService<TrafficProfileRegistry>();
        var accounting = new ProxyAccountingMiddleware(registry, options, time, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ProxyAccountingMiddleware>());
        new TrafficAdminApi(registry, options).Map(app);
        app.MapReverseProxy(pipeline =>
        {
            pipeline.Use(accounting.InvokeAsync);
            pipeline.UseLoadBalancing();
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new SandboxTrafficProxy(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
