using System.Buffers;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PredictiveMigration.Domain.Metrics;

/// <summary>
/// The Event Hubs REST send API as metric events travel over it, in one place for the agent's sink, the sandbox's
/// simulated agents and the emulated event hub: the shared access signature and one batch message per event.
/// </summary>
public static class EventHubsRest
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The body is JSON for a service, not HTML: write \" rather than \u0022 inside the Body strings.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A shared access signature for <paramref name="resourceUri"/> that expires at <paramref name="expiry"/> (whole seconds).</summary>
    public static string SasToken(string resourceUri, string keyName, string key, DateTimeOffset expiry)
    {
        ArgumentNullException.ThrowIfNull(resourceUri);
        ArgumentNullException.ThrowIfNull(keyName);
        ArgumentNullException.ThrowIfNull(key);
        var encodedResource = WebUtility.UrlEncode(resourceUri);
        var se = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"SharedAccessSignature sr={encodedResource}&sig={WebUtility.UrlEncode(Signature(encodedResource, se, key))}&se={se}&skn={WebUtility.UrlEncode(keyName)}");
    }

    /// <summary>The base64 HMAC-SHA256 of <c>{encodedResource}\n{expirySeconds}</c> under <paramref name="key"/>: what a token's <c>sig</c> holds.</summary>
    public static string Signature(string encodedResource, string expirySeconds, string key)
    {
        ArgumentNullException.ThrowIfNull(encodedResource);
        ArgumentNullException.ThrowIfNull(expirySeconds);
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expirySeconds)));
    }

    /// <summary>One batch message: the event's JSON as the <c>Body</c> string, partitioned by server id.</summary>
    public static byte[] Message(MetricEvent metricEvent)
    {
        ArgumentNullException.ThrowIfNull(metricEvent);
        var eventJson = MetricEventJson.Serialize(metricEvent);
        var buffer = new ArrayBufferWriter<byte>(eventJson.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("Body"u8, eventJson);
            writer.WriteStartObject("BrokerProperties"u8);
            writer.WriteString("PartitionKey"u8, metricEvent.ServerId);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
