using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PredictiveMigration.Azure.Alerts;

/// <summary>
/// The generic format's request signature. With a subscription secret, each request carries
/// <c>X-PM-Timestamp: {unix seconds}</c> and <c>X-PM-Signature: sha256={hex}</c>, where hex is the lowercase
/// HMAC-SHA256, keyed with the UTF-8 secret, of <c>"{timestamp}.{body}"</c> (the raw body bytes). Receivers recompute
/// it, compare in constant time, and reject timestamps too far from their clock to stop replays.
/// </summary>
public static class AlertSignature
{
    public const string SignatureHeader = "X-PM-Signature";
    public const string TimestampHeader = "X-PM-Timestamp";
    public const string Prefix = "sha256=";

    public static string Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Checks a received signature (constant-time). For receivers and tests.</summary>
    public static bool Verify(string secret, string timestamp, ReadOnlySpan<byte> body, string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
