using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PredictiveMigration.Agent.Sending;
using PredictiveMigration.Agent.Tests.Infrastructure;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Tests.Sending;

public sealed class HttpMetricSinkTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static HttpMetricSink NewSink(HttpMessageHandler handler, string url = "http://ingest.test/api/metrics", string? apiKey = null, TimeSpan? timeout = null) =>
        new(new HttpClient(handler),
            TestOptions.Create(o =>
            {
                o.Sink.Http.Url = url;
                o.Sink.Http.ApiKey = apiKey;
                o.Sink.Timeout = timeout ?? TimeSpan.FromSeconds(5);
            }),
            TimeProvider.System,
            NullLogger<HttpMetricSink>.Instance);

    [Fact(Timeout = 10_000)]
    public async Task SendAsync_Batch_PostsTheSerializedArrayAsJsonWithTheApiKey()
    {
        // Arrange
        var handler = new CapturingHandler(HttpStatusCode.OK);
        var sink = NewSink(handler, apiKey: "k3y");
        var batch = Events.Range(1, 3);

        // Act
        var result = await sink.SendAsync(batch, _ct);

        // Assert
        var request = Assert.Single(handler.Requests);
        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://ingest.test/api/metrics", request.Uri.ToString());
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("k3y", request.ApiKey);
        Assert.Equal(MetricEventJson.SerializeArray(batch), request.Body);
    }

    [Fact(Timeout = 10_000)]
    public async Task SendAsync_NoApiKey_SendsNoKeyHeader()
    {
        // Arrange
        var handler = new CapturingHandler(HttpStatusCode.OK);
        var sink = NewSink(handler);

        // Act
        await sink.SendAsync(Events.Range(1, 1), _ct);

        // Assert
        Assert.Null(Assert.Single(handler.Requests).ApiKey);
    }

    [Theory(Timeout = 10_000)]
    [InlineData(200, SendOutcome.Sent)]
    [InlineData(202, SendOutcome.Sent)]
    [InlineData(400, SendOutcome.Refused)]
    [InlineData(404, SendOutcome.Refused)]
    [InlineData(422, SendOutcome.Refused)]
    [InlineData(413, SendOutcome.TooLarge)]
    [InlineData(401, SendOutcome.Unauthorized)]
    [InlineData(403, SendOutcome.Unauthorized)]
    [InlineData(408, SendOutcome.Transient)]
    [InlineData(429, SendOutcome.Transient)]
    [InlineData(500, SendOutcome.Transient)]
    [InlineData(503, SendOutcome.Transient)]
    public async Task SendAsync_Status_IsClassified(int status, SendOutcome expected)
    {
        // Arrange
        var sink = NewSink(new CapturingHandler((HttpStatusCode)status));

        // Act
        var result = await sink.SendAsync(Events.Range(1, 2), _ct);

        // Assert
        Assert.Equal(expected, result.Outcome);
        Assert.Equal(status, result.StatusCode);
    }

    [Fact(Timeout = 10_000)]
    public async Task SendAsync_503WithRetryAfter_ReturnsTheDelay()
    {
        // Arrange
        var sink = NewSink(new CapturingHandler((_, _) =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
            return response;
        }));

        // Act
        var result = await sink.SendAsync(Events.Range(1, 1), _ct);

        // Assert
        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(5), result.RetryAfter);
    }

    [Fact(Timeout = 10_000)]
    public async Task SendAsync_200ListingRejections_ReturnsThemWithTheirIndexes()
    {
        // Arrange
        const string body = """{"accepted":1,"duplicates":1,"rejected":[{"index":2,"reason":"OutOfRange","field":"cpuPercent","message":"too high"}]}""";
        var sink = NewSink(new CapturingHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }));

        // Act
        var result = await sink.SendAsync(Events.Range(1, 3), _ct);

        // Assert
        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(new RejectedEvent(2, "OutOfRange", "cpuPercent", "too high"), rejected);
    }

    [Fact(Timeout = 10_000)]
    public async Task SendAsync_NothingListening_ReturnsTransientInsteadOfThrowing()
    {
        // Arrange: a port nobody listens on (the listener is stopped before the send).
        Uri url;
        await using (var listener = await TestListener.StartAsync(failFirst: 0, _ct))
        {
            url = listener.Url;
        }

        var sink = NewSink(new SocketsHttpHandler(), url.ToString());

        // Act
        var result = await sink.SendAsync(Events.Range(1, 1), _ct);

        // Assert
        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Null(result.StatusCode);
    }

    [Fact(Timeout = 10_000)]
    public async Task SendAsync_NoAnswerWithinTimeout_ReturnsTransient()
    {
        // Arrange: the handler waits far longer than the 1 s timeout.
        var handler = new DelayingHandler(TimeSpan.FromSeconds(30));
        var sink = NewSink(handler, timeout: TimeSpan.FromSeconds(1));

        // Act
        var result = await sink.SendAsync(Events.Range(1, 1), _ct);

        // Assert
        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Contains("no answer within", result.Detail, StringComparison.Ordinal);
    }

    private sealed class DelayingHandler(TimeSpan delay) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
