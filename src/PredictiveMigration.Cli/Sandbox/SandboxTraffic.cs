using System.Globalization;
using System.Text.Json.Nodes;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Sandbox.Cloud;
using PredictiveMigration.Sandbox.Traffic;

namespace PredictiveMigration.Cli.Sandbox;

/// <summary>
/// User traffic in the sandbox. The app changes weights the way it does in Azure, on Traffic Manager profiles in the
/// (sandbox) cloud; this plays Traffic Manager's data plane: it follows the profiles' endpoints and weights (read in
/// process from the cloud, every <see cref="SyncInterval"/>) onto the YARP proxy, and sends every server a steady
/// stream of requests through it, counting those that fail, so a progressive shift, a cut-over or a rollback is
/// visible as requests served or lost.
/// </summary>
internal sealed class SandboxTraffic : IAsyncDisposable
{
    public static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(1);

    private const string ProfilesPart = "/providers/microsoft.network/trafficmanagerprofiles/";

    private readonly SandboxCloud _cloud;
    private readonly SandboxTrafficProxy _proxy;
    private readonly HttpClient _admin;
    private readonly HttpClient _users;
    private readonly SandboxTrafficRouter _router;
    private readonly string _resourceGroup;
    private readonly Dictionary<string, string> _applied = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sync;
    private readonly Task _load;
    private long _sent;
    private long _failed;
    private long _syncFailures;

    private SandboxTraffic(SandboxCloud cloud, SandboxTrafficProxy proxy, string resourceGroup, int requestsPerServerPerSecond)
    {
        _cloud = cloud;
        _proxy = proxy;
        _resourceGroup = resourceGroup;
        _admin = new HttpClient { BaseAddress = proxy.Endpoint, Timeout = TimeSpan.FromSeconds(30) };
        _users = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _router = new SandboxTrafficRouter(_admin);
        _sync = Task.Run(() => SyncLoopAsync(_stop.Token));
        _load = Task.Run(() => LoadLoopAsync(requestsPerServerPerSecond, _stop.Token));
    }

    public Uri ProxyEndpoint => _proxy.Endpoint;

    /// <summary>User requests sent through the proxy, and those that did not get a 2xx (an error, a timeout, no endpoint).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Profiles the proxy could not be brought in line with (tried again at the next sync).</summary>
    public long SyncFailures => Interlocked.Read(ref _syncFailures);

    public static async Task<SandboxTraffic> StartAsync(SandboxCloud cloud, string resourceGroup, int requestsPerServerPerSecond, CancellationToken cancellationToken)
    {
        var proxy = await SandboxTrafficProxy.StartAsync(new SandboxTrafficProxyOptions { RequestTimeout = TimeSpan.FromSeconds(10) }, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        var traffic = new SandboxTraffic(cloud, proxy, resourceGroup, requestsPerServerPerSecond);
        await traffic.SyncOnceAsync(cancellationToken).ConfigureAwait(false);
        return traffic;
    }

    /// <summary>
    /// The weighted endpoints of a Traffic Manager profile resource as <see cref="PredictiveMigration.Azure.Arm.ArmTrafficManager"/>
    /// writes them (a disabled endpoint is weight 0), with each target made a URL the proxy can forward to:
    /// <c>127.0.0.1:5000/srv-001</c> becomes <c>http://127.0.0.1:5000/srv-001/</c>.
    /// </summary>
    public static IReadOnlyList<WeightedEndpoint> Endpoints(JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var list = new List<WeightedEndpoint>();
        if (resource["properties"]?["endpoints"] is not JsonArray endpoints)
        {
            return list;
        }

        foreach (var e in endpoints.OfType<JsonObject>())
        {
            var p = e["properties"];
            var name = e["name"]?.GetValue<string>();
            var target = p?["target"]?.GetValue<string>();
            if (name is null || target is null)
            {
                continue;
            }

            var enabled = p?["endpointStatus"]?.GetValue<string>() != "Disabled";
            var weight = enabled ? p?["weight"]?.GetValue<int>() ?? 1 : 0;
            var url = target.Contains("://", StringComparison.Ordinal) ? target : "http://" + target;
            list.Add(new WeightedEndpoint(name, url.EndsWith('/') ? url : url + "/", weight));
        }

        return list;
    }

    private async Task SyncLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(SyncInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                await SyncOnceAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task SyncOnceAsync(CancellationToken ct)
    {
        foreach (var (id, resource) in _cloud.Resources(ProfilesPart))
        {
            if (!id.Contains($"/resourcegroups/{_resourceGroup.ToLowerInvariant()}/", StringComparison.Ordinal))
            {
                continue;
            }

            var profile = resource["name"]?.GetValue<string>() ?? id[(id.LastIndexOf('/') + 1)..];
            var endpoints = Endpoints(resource);
            var signature = string.Join(';', endpoints.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Name}={e.Target}@{e.Weight}")));
            lock (_applied)
            {
                if (_applied.TryGetValue(profile, out var applied) && applied == signature)
                {
                    continue;
                }
            }

            if (endpoints.Count == 0 || endpoints.All(e => e.Weight == 0))
            {
                continue;
            }

            var set = await _router.SetWeightsAsync(_resourceGroup, profile, endpoints, ct).ConfigureAwait(false);
            if (set.IsSuccess)
            {
                lock (_applied)
                {
                    _applied[profile] = signature;
                }
            }
            else
            {
                Interlocked.Increment(ref _syncFailures);
            }
        }
    }

    private async Task LoadLoopAsync(int perServerPerSecond, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / Math.Max(1, perServerPerSecond)));
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                string[] profiles;
                lock (_applied)
                {
                    profiles = [.. _applied.Keys];
                }

                await Task.WhenAll(profiles.Select(p => RequestAsync(p, ct))).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task RequestAsync(string profile, CancellationToken ct)
    {
        Interlocked.Increment(ref _sent);
        try
        {
            using var response = await _users.GetAsync(_proxy.ProfileUri(profile), HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _failed);
            }
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _failed);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failed);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: this request does not count.
            Interlocked.Decrement(ref _sent);
        }
    }

    /// <summary>Stops sending (the counters stay readable).</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(_sync, _load).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _admin.Dispose();
        _users.Dispose();
        await _proxy.DisposeAsync().ConfigureAwait(false);
    }
}
