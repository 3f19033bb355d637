using Azure.Core;
using Azure.Identity;

namespace PredictiveMigration.Agent.Sending;

/// <summary>Gets Entra ID tokens for Event Hubs (scope <c>https://eventhubs.azure.net/.default</c>), reused until 5 minutes before expiry.</summary>
public sealed class EntraTokenProvider : IEventHubsAuthorization
{
    /// <summary>The scope of Event Hubs data-plane tokens.</summary>
    public const string Scope = "https://eventhubs.azure.net/.default";

    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _credential;
    private readonly TimeProvider _time;
    private readonly ILogger<EntraTokenProvider> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _token;

    public EntraTokenProvider(TokenCredential credential, TimeProvider time, ILogger<EntraTokenProvider> logger)
    {
        _credential = credential;
        _time = time;
        _logger = logger;
    }

    public string Kind => "Entra ID";

    /// <summary>The credential for the configured identity: a user-assigned managed identity by client id, else the default chain.</summary>
    public static TokenCredential CreateCredential(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));

    public async ValueTask<string?> GetHeaderValueAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not { } token || _time.GetUtcNow() >= token.ExpiresOn - RenewBefore)
            {
                token = await _credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken).ConfigureAwait(false);
                _token = token;
            }

            return "Bearer " + token.Token;
        }
        catch (AuthenticationFailedException ex)
        {
            _logger.EntraTokenFailed(Scope, ex);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
