using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Sending;

/// <summary>POSTs a batch as one JSON array (<see cref="MetricEventJson.SerializeArray"/>) to the HTTP ingestion endpoint.</summary>
public sealed class HttpMetricSink : IMetricSink
{
    /// <summary>The header that carries the function key.</summary>
    public const string ApiKeyHeader = "x-functions-key";

    private const int MaxDetailChars = 1024;
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger<HttpMetricSink> _logger;
    private readonly Uri _url;
    private readonly string? _apiKey;
    private readonly TimeSpan _timeout;

    public HttpMetricSink(HttpClient http, IOptions<AgentOptions> options, TimeProvider time, ILogger<HttpMetricSink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sink = options.Value.Sink;
        _http = http;
        _time = time;
        _logger = logger;
        _url = new Uri(sink.Http.Url ?? throw new InvalidOperationException("Agent:Sink:Http:Url is not set."), UriKind.Absolute);
        _apiKey = string.IsNullOrEmpty(sink.Http.ApiKey) ? null : sink.Http.ApiKey;
        _timeout = sink.Timeout;
    }

    public string Destination => _url.GetLeftPart(UriPartial.Path);

    public async Task<SendResult> SendAsync(IReadOnlyList<MetricEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _url)
            {
                Content = new ByteArrayContent(MetricEventJson.SerializeArray(batch)),
            };
            request.Content.Headers.ContentType = JsonContentType;
            if (_apiKey is not null)
            {
                request.Headers.TryAddWithoutValidation(ApiKeyHeader, _apiKey);
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var outcome = ResponseClassifier.Classify(response.StatusCode);
            var body = await ResponseClassifier.ReadDetailAsync(response, int.MaxValue, linked.Token).ConfigureAwait(false);
            if (outcome == SendOutcome.Sent)
            {
                var parsed = IngestionResponse.TryParse(body);
                return SendResult.Sent(batch.Count, status, parsed?.Rejected);
            }

            var detail = body is { Length: > MaxDetailChars } ? body[..MaxDetailChars] : body;
            return SendResult.Failed(outcome, 0, status, detail, ResponseClassifier.RetryAfter(response, _time.GetUtcNow()));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return SendResult.Failed(SendOutcome.Transient, 0, null, $"no answer within {_timeout}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SendResult.Failed(SendOutcome.Transient, 0, null, "cancelled: the agent is stopping");
        }
        catch (HttpRequestException ex)
        {
            _logger.SendRequestFailed(Destination, ex);
            return SendResult.Failed(SendOutcome.Transient, 0, null, ex.Message);
        }
    }
}
