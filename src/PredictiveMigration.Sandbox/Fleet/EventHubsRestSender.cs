using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// Sends metric events the way the real agent's Event Hubs sink does (docs/agent.md): <c>POST {hub}/messages</c> with
/// <c>Content-Type: application/vnd.microsoft.servicebus.json</c>, a JSON array of
/// <c>{"Body":"&lt;event JSON&gt;","BrokerProperties":{"PartitionKey":"&lt;serverId&gt;"}}</c> split into requests under
/// 1,000,000 bytes, a shared access signature in <c>Authorization</c>; success is 201.
/// </summary>
public sealed class EventHubsRestSender : IMetricEventSender
{
    /// <summary>Every request body stays below this many bytes.</summary>
    public const int MaxRequestBytes = 1_000_000;

    private static readonly MediaTypeHeaderValue BatchContentType = new("application/vnd.microsoft.servicebus.json");

    private readonly HttpClient _http;
    private readonly Uri _messagesUri;
    private readonly Func<string> _authorization;

    /// <param name="http">The client (its lifetime is the caller's).</param>
    /// <param name="messagesUri">The hub's <c>…/{hub}/messages</c> address.</param>
    /// <param name="authorization">The <c>Authorization</c> header value of each request (e.g. <see cref="SasToken"/>).</param>
    public EventHubsRestSender(HttpClient http, Uri messagesUri, Func<string> authorization)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(messagesUri);
        ArgumentNullException.ThrowIfNull(authorization);
        _http = http;
        _messagesUri = messagesUri;
        _authorization = authorization;
    }

    /// <summary>
    /// A shared access signature as the agent makes one: <c>SharedAccessSignature sr=…&amp;sig=…&amp;se=…&amp;skn=…</c>,
    /// the HMAC-SHA256 (keyed with the key's UTF-8 bytes) of <c>"{url-encoded resource}\n{expiry}"</c>.
    /// </summary>
    public static string SasToken(string resourceUri, string keyName, string key, DateTimeOffset expiry) =>
        EventHubsRest.SasToken(resourceUri, keyName, key, expiry);

    public async Task<MetricSendResult> SendAsync(IReadOnlyList<MetricEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var status = 201;
        foreach (var body in BuildBodies(batch))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _messagesUri) { Content = new ReadOnlyMemoryContent(body) };
            request.Content.Headers.ContentType = BatchContentType;
            request.Headers.TryAddWithoutValidation("Authorization", _authorization());
            try
            {
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    return new MetricSendResult(false, status, detail.Length > 512 ? detail[..512] : detail);
                }
            }
            catch (HttpRequestException ex)
            {
                return new MetricSendResult(false, null, ex.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new MetricSendResult(false, null, "no answer before the client's timeout");
            }
        }

        return MetricSendResult.Ok(status);
    }

    /// <summary>The request bodies for a batch, in order, each under <see cref="MaxRequestBytes"/>.</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> BuildBodies(IReadOnlyList<MetricEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var bodies = new List<ReadOnlyMemory<byte>>();
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var count = 0;
        buffer.Write("["u8);
        foreach (var e in batch)
        {
            var item = EventHubsRest.Message(e);
            if (count > 0 && buffer.WrittenCount + 1 + item.Length + 1 >= MaxRequestBytes)
            {
                buffer.Write("]"u8);
                bodies.Add(buffer.WrittenMemory);
                buffer = new ArrayBufferWriter<byte>(16 * 1024);
                buffer.Write("["u8);
                count = 0;
            }

            if (count > 0)
            {
                buffer.Write(","u8);
            }

            buffer.Write(item);
            count++;
        }

        if (count > 0)
        {
            buffer.Write("]"u8);
            bodies.Add(buffer.WrittenMemory);
        }

        return bodies;
    }
}
