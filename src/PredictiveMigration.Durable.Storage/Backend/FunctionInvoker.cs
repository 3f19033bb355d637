using System.Net.Http.Headers;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// POSTs invocation envelopes to the app's function routes, like the Functions host: <c>{AppBaseUrl}/{FunctionName}</c>,
/// <c>Content-Type: application/json; charset=utf-8</c>, an <c>X-Azure-Functions-InvocationId</c> header, and a
/// timeout standing for the host's functionTimeout (PROTOCOL.md §1.1).
/// </summary>
internal sealed class FunctionInvoker : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly Uri _baseUrl;

    public FunctionInvoker(DurableBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string baseUrl = options.AppBaseUrl!.ToString();
        _baseUrl = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = options.HttpTimeout,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("PredictiveMigration.Durable.Storage/1.0");
    }

    public async Task<FunctionCallResult> PostAsync(string functionName, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl, Uri.EscapeDataString(functionName)))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            byte[] content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new FunctionCallResult((int)response.StatusCode, content);
        }
        catch (HttpRequestException exception)
        {
            return new FunctionCallResult(0, [], $"{functionName} could not be reached: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FunctionCallResult(0, [], $"{functionName} did not answer within {_http.Timeout}.");
        }
    }

    public void Dispose() => _http.Dispose();
}
