using System.Security.Cryptography;
using System.Text;
using PredictiveMigration.Agent.Sending;
using PredictiveMigration.Agent.Tests.Infrastructure;

namespace PredictiveMigration.Agent.Tests.Sending;

public sealed class SasTokenProviderTests
{
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGVzdHM=";
    private const string KeyName = "send";
    private const string Resource = "https://contoso.servicebus.windows.net/metrics";
    private const string EncodedResource = "https%3A%2F%2Fcontoso.servicebus.windows.net%2Fmetrics";

    private static readonly DateTimeOffset Expiry = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);

    /// <summary>The signature computed independently of the production code: HMAC-SHA256 over "{encoded uri}\n{expiry}".</summary>
    private static string ExpectedSignature(string key, string encodedResource, long expiry)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(key));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry)));
    }

    private static Dictionary<string, string> Fields(string header)
    {
        Assert.StartsWith("SharedAccessSignature ", header, StringComparison.Ordinal);
        return header["SharedAccessSignature ".Length..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    [Fact(Timeout = 10_000)]
    public async Task CreateToken_FixedKeyUriAndExpiry_SignatureIsTheHmacOfUriAndExpiry()
    {
        // Arrange
        await Task.Yield();
        var expected = ExpectedSignature(Key, EncodedResource, 1_795_000_000);

        // Act
        var token = SasTokenProvider.CreateToken(Resource, KeyName, Key, Expiry);

        // Assert
        var sig = Uri.UnescapeDataString(Fields(token)["sig"]);
        Assert.Equal(expected, sig);
    }

    [Fact(Timeout = 10_000)]
    public async Task CreateToken_FixedInputs_HeaderFormatIsExact()
    {
        // Arrange
        await Task.Yield();
        var signature = Uri.EscapeDataString(ExpectedSignature(Key, EncodedResource, 1_795_000_000));

        // Act
        var token = SasTokenProvider.CreateToken(Resource, KeyName, Key, Expiry);

        // Assert
        Assert.Equal($"SharedAccessSignature sr={EncodedResource}&sig={signature}&se=1795000000&skn=send", token);
    }

    [Fact(Timeout = 10_000)]
    public async Task GetHeaderValueAsync_WellBeforeExpiry_ReusesTheTokenAndRenewsNearExpiry()
    {
        // Arrange: tokens live 1 h; renewal starts 5 min before expiry.
        var time = new ManualTimeProvider(Events.Epoch);
        var provider = new SasTokenProvider(TestOptions.Create(), time);
        var first = await provider.GetHeaderValueAsync(TestContext.Current.CancellationToken);

        // Act
        time.Advance(TimeSpan.FromMinutes(50));
        var cached = await provider.GetHeaderValueAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(6));
        var renewed = await provider.GetHeaderValueAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.NotNull(first);
        Assert.Same(first, cached);
        Assert.NotEqual(first, renewed);
        Assert.Equal((Events.Epoch + TimeSpan.FromHours(1)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Fields(first)["se"]);
        Assert.Equal(EncodedResource, Fields(first)["sr"]);
    }
}
