using System.Globalization;
using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Sending;

/// <summary>
/// Makes Event Hubs shared access signatures:
/// <c>SharedAccessSignature sr={url-encoded resource}&amp;sig={url-encoded base64 HMAC-SHA256}&amp;se={expiry}&amp;skn={key name}</c>,
/// where the HMAC (keyed with the UTF-8 bytes of the key) is over <c>"{url-encoded resource}\n{expiry}"</c>.
/// A token is reused until 5 minutes before it expires.
/// </summary>
public sealed class SasTokenProvider : IEventHubsAuthorization
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly string _resource;
    private readonly string _keyName;
    private readonly string _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;
    private string? _token;
    private DateTimeOffset _expiry;

    public SasTokenProvider(IOptions<AgentOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hubs = options.Value.Sink.EventHubs;
        _resource = ResourceUri(hubs.FullyQualifiedNamespace!, hubs.HubName!);
        _keyName = hubs.SasKeyName ?? throw new InvalidOperationException("Agent:Sink:EventHubs:SasKeyName is not set.");
        _key = hubs.SasKey ?? throw new InvalidOperationException("Agent:Sink:EventHubs:SasKey is not set.");
        _lifetime = hubs.SasTokenLifetime;
        _time = time;
    }

    public string Kind => "SAS";

    public ValueTask<string?> GetHeaderValueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_token is null || now >= _expiry - RenewBefore)
            {
                _expiry = DateTimeOffset.FromUnixTimeSeconds((now + _lifetime).ToUnixTimeSeconds());
                _token = CreateToken(_resource, _keyName, _key, _expiry);
            }

            return ValueTask.FromResult<string?>(_token);
        }
    }

    /// <summary>The resource a token is for: <c>https://{namespace}/{hub}</c>.</summary>
    public static string ResourceUri(string fullyQualifiedNamespace, string hubName) =>
        string.Create(CultureInfo.InvariantCulture, $"https://{fullyQualifiedNamespace}/{hubName}");

    /// <summary>A shared access signature for <paramref name="resourceUri"/> that expires at <paramref name="expiry"/> (whole seconds).</summary>
    public static string CreateToken(string resourceUri, string keyName, string key, DateTimeOffset expiry) =>
        EventHubsRest.SasToken(resourceUri, keyName, key, expiry);
}
