using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Sending;

/// <summary>
/// Sends batches to Event Hubs over REST: <c>POST https://{namespace}/{hub}/messages?timeout=60&amp;api-version=2014-01</c>
/// with a batch body (<see cref="EventHubsRequestBuilder"/>), several requests when the batch is over 1 MB. Success is 201.
/// </summary>
public sealed class EventHubsMetricSink : IMetricSink
{
    /// <summary>The content type of a batch of messages.</summary>
    public const string BatchContentType = "application/vnd.microsoft.servicebus.json";

    private const int MaxDetailChars = 1024;
    private static readonly MediaTypeHeaderValue ContentType = new(BatchContentType);

    private readonly HttpClient _http;
    private readonly IEventHubsAuthorization _authorization;
    private readonly TimeProvider _time;
    private readonly ILogger<EventHubsMetricSink> _logger;
    private readonly Uri _endpoint;
    private readonly TimeSpan _timeout;

    public EventHubsMetricSink(
        HttpClient http,
        IEventHubsAuthorization authorization,
        IOptions<AgentOptions> options,
        TimeProvider time,
        ILogger<EventHubsMetricSink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hubs = options.Value.Sink.EventHubs;
        _http = http;
        _authorization = authorization;
        _time = time;
        _logger = logger;
        _endpoint = Endpoint(hubs.FullyQualifiedNamespace!, hubs.HubName!);
        _timeout = options.Value.Sink.Timeout;
    }

    public string Destination => _endpoint.GetLeftPart(UriPartial.Path) + " (" + _authorization.Kind + ")";

    /// <summary>The REST endpoint that receives message batches.</summary>
    public static Uri Endpoint(string fullyQualifiedNamespace, string hubName) =>
        new(string.Create(CultureInfo.InvariantCulture, $"https://{fullyQualifiedNamespace}/{hubName}/messages?timeout=60&api-version=2014-01"), UriKind.Absolute);

    public async Task<SendResult> SendAsync(IReadOnlyList<MetricEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var completed = 0;
        foreach (var request in EventHubsRequestBuilder.Build(batch))
        {
            var result = await SendOneAsync(request, cancellationToken).ConfigureAwait(false);
            if (result.Outcome != SendOutcome.Sent)
            {
                return result with { Completed = completed };
            }

            completed += request.Count;
        }

        return SendResult.Sent(batch.Count, 201);
    }

    private async Task<SendResult> SendOneAsync(EventHubsRequest body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var authorization = await _authorization.GetHeaderValueAsync(linked.Token).ConfigureAwait(false);
            if (authorization is null)
            {
                return SendResult.Failed(SendOutcome.Unauthorized, 0, null, $"no {_authorization.Kind} credential");
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
            {
                Content = new ReadOnlyMemoryContent(body.Body),
            };
            request.Content.Headers.ContentType = ContentType;
            request.Headers.TryAddWithoutValidation("Authorization", authorization);

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var outcome = ResponseClassifier.Classify(response.StatusCode);
            if (outcome == SendOutcome.Sent)
            {
                return SendResult.Sent(body.Count, (int)response.StatusCode);
            }

            var detail = await ResponseClassifier.ReadDetailAsync(response, MaxDetailChars, linked.Token).ConfigureAwait(false);
            return SendResult.Failed(outcome, 0, (int)response.StatusCode, detail, ResponseClassifier.RetryAfter(response, _time.GetUtcNow()));
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
