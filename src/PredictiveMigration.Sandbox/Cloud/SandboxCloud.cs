using System.Net;
using System.Security.Cryptography.X509Certificates;
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

    private SandboxCloud(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
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
        var handler = new ArmRequestHandler(new CloudState(options.StatePath), options, time);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new SandboxCloud(app, certificate);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate.Dispose();
    }
}
