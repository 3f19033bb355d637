using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Sandbox.Cloud;

/// <summary>
/// The sandbox cloud: an HTTPS server on 127.0.0.1 speaking the subset of Azure Resource Manager the product uses,
/// so the real Azure SDK clients run unchanged against it (<c>pm cloud</c>, tests, <c>pm sandbox</c>).
/// </summary>
public sealed class SandboxCloud : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CloudState _state;

    private SandboxCloud(WebApplication app, X509Certificate2 certificate, CloudState state)
    {
        _app = app;
        _state = state;
        Certificate = certificate;
        Endpoint = new Uri(app.Urls.First());
    }

    /// <summary>The ARM endpoint, e.g. <c>https://127.0.0.1:51234/</c>.</summary>
    public Uri Endpoint { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>What a client must trust: exactly this certificate.</summary>
    public string Thumbprint => Certificate.Thumbprint;

    public static async Task<SandboxCloud> StartAsync(CloudOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificate = SandboxCertificate.Create(time);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var state = new CloudState(options.StatePath);
        var handler = new ArmRequestHandler(state, options, time);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new SandboxCloud(app, certificate, state);
    }

    /// <summary>
    /// Copies of the resources whose lower-case id contains <paramref name="idPart"/> (e.g.
    /// <c>/providers/microsoft.network/trafficmanagerprofiles/</c>), read in process without going through ARM: what
    /// the sandbox's own stand-ins for Azure's data plane (traffic routing) follow, as Azure's follow its control plane.
    /// </summary>
    public IReadOnlyDictionary<string, JsonObject> Resources(string idPart)
    {
        ArgumentException.ThrowIfNullOrEmpty(idPart);
        var part = idPart.ToLowerInvariant();
        return _state.Use((resources, _) => resources
            .Where(r => r.Key.Contains(part, StringComparison.Ordinal))
            .ToDictionary(r => r.Key, r => r.Value.DeepClone().AsObject(), StringComparer.Ordinal), save: false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate.Dispose();
    }
}
