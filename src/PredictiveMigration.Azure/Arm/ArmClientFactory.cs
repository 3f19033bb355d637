using System.Net.Security;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;

namespace PredictiveMigration.Azure.Arm;

/// <summary>
/// ARM clients for Azure (a managed identity or any <see cref="TokenCredential"/>) and for the sandbox cloud, whose
/// HTTPS certificate is trusted exactly, by thumbprint — never "accept any certificate".
/// </summary>
public static class ArmClientFactory
{
    public static ArmClient ForAzure(TokenCredential credential, string? subscriptionId = null) =>
        new(credential, subscriptionId, new ArmClientOptions());

    public static ArmClient ForSandbox(Uri endpoint, string thumbprint, string subscriptionId, int maxRetries = 3)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(thumbprint);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && string.Equals(certificate.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase),
            },
        };
        var options = new ArmClientOptions
        {
            Environment = new ArmEnvironment(endpoint, "https://management.azure.com/"),
            Transport = new HttpClientTransport(new HttpClient(handler)),
        };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        return new ArmClient(new SandboxTokenCredential(), subscriptionId, options);
    }

    /// <summary>The sandbox accepts any bearer token; the SDK still insists on sending one (over TLS).</summary>
    private sealed class SandboxTokenCredential : TokenCredential
    {
        private static readonly AccessToken Token = new("sandbox", DateTimeOffset.MaxValue);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(Token);
    }
}
