using System.Net.Http.Headers;
using System.Text;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// POSTs invocation envelopes to the app like the Functions host (PROTOCOL.md §1.1): <c>{app}/{FunctionName}</c>,
/// <c>application/json; charset=utf-8</c>, the <c>X-Azure-Functions-InvocationId</c> and
/// <c>X-Azure-Functions-HostVersion</c> headers and the host's user agent. Any 2xx is success; anything else,
/// a socket error or a timeout is a failed invocation (and the response body is discarded, as the host does).
/// </summary>
public sealed class AppInvoker : IDisposable
{
    /// <summary>The host version this emulation reports.</summary>
    public const string HostVersion = "4.1037.0.0";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly Uri _baseUrl;

    private readonly Action<string, InvocationOutcome>? _observer;

    public AppInvoker(Uri appBaseUrl, TimeSpan timeout, Action<string, InvocationOutcome>? observer = null)
    {
        _observer = observer;
        ArgumentNullException.ThrowIfNull(appBaseUrl);
        var text = appBaseUrl.ToString();
        _baseUrl = new Uri(text.EndsWith('/') ? text : text + "/");
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = timeout,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Azure-Functions-Host/" + HostVersion);
    }

    public Uri BaseUrl => _baseUrl;

    public async Task<InvocationOutcome> InvokeAsync(string functionName, string envelope, CancellationToken cancellationToken)
    {
        var outcome = await SendAsync(functionName, envelope, cancellationToken).ConfigureAwait(false);
        _observer?.Invoke(functionName, outcome);
        return outcome;
    }

    private async Task<InvocationOutcome> SendAsync(string functionName, string envelope, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl, Uri.EscapeDataString(functionName)))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(envelope)) { Headers = { ContentType = Json } },
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", HostVersion);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? new InvocationOutcome(status, body, null)
                : new InvocationOutcome(status, body, $"Response status code does not indicate success: {status} ({response.ReasonPhrase}).");
        }
        catch (HttpRequestException ex)
        {
            return new InvocationOutcome(0, string.Empty, $"{functionName} could not be reached: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new InvocationOutcome(0, string.Empty, $"{functionName} did not answer within {_http.Timeout}");
        }
    }

    public void Dispose() => _http.Dispose();
}
