using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PredictiveMigration.Agent.Configuration;
using PredictiveMigration.Agent.Sending;
using PredictiveMigration.Agent.Tests.Infrastructure;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Tests.Sending;

public sealed class EventHubsTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static EventHubsMetricSink NewSink(HttpMessageHandler handler)
    {
        var options = TestOptions.Create(o => o.Sink.Mode = SinkMode.EventHubs);
        var time = new ManualTimeProvider(Events.Epoch);
        return new EventHubsMetricSink(new HttpClient(handler), new SasTokenProvider(options, time), options, time, NullLogger<EventHubsMetricSink>.Instance);
    }

    private static List<MetricEvent> ParseBodies(ReadOnlySpan<byte> requestBody, out List<string> partitionKeys)
    {
        using var document = JsonDocument.Parse(requestBody.ToArray());
        var events = new List<MetricEvent>();
        partitionKeys = [];
        foreach (var message in document.RootElement.EnumerateArray())
        {
            var body = message.GetProperty("Body");
            Assert.Equal(JsonValueKind.String, body.ValueKind);
            Assert.True(MetricEventJson.TryParse(Encoding.UTF8.GetBytes(body.GetString()!), out var parsed, out var rejection), rejection?.ToString());
            events.Add(parsed!);
            partitionKeys.Add(message.GetProperty("BrokerProperties").GetProperty("PartitionKey").GetString()!);
        }

        return events;
    }

    [Fact(Timeout = 10_000)]
    public async Task Build_Batch_IsArrayOfBodyStringsHoldingEventJsonAndPartitionKeys()
    {
        // Arrange
        await Task.Yield();
        var batch = Events.Range(1, 3, "web-07");

        // Act
        var request = Assert.Single(EventHubsRequestBuilder.Build(batch));

        // Assert
        var events = ParseBodies(request.Body.Span, out var keys);
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Sequence));
        Assert.All(keys, k => Assert.Equal("web-07", k));
        using var document = JsonDocument.Parse(request.Body.ToArray());
        Assert.Equal(Encoding.UTF8.GetString(MetricEventJson.Serialize(batch[0])), document.RootElement[0].GetProperty("Body").GetString());
    }

    [Fact(Timeout = 10_000)]
    public async Task Build_MoreThanOneMegabyte_SplitsIntoRequestsUnderTheLimitKeepingOrder()
    {
        // Arrange: ~3000 events of ~500 bytes each is well over 1 MB.
        await Task.Yield();
        var batch = Events.Range(1, 3000);

        // Act
        var requests = EventHubsRequestBuilder.Build(batch);

        // Assert
        Assert.True(requests.Count >= 2, $"expected a split, got {requests.Count} request(s)");
        Assert.All(requests, r => Assert.True(r.Body.Length < 1_000_000, $"request of {r.Body.Length} bytes"));
        var sequences = requests.SelectMany(r => ParseBodies(r.Body.Span, out _)).Select(e => e.Sequence);
        Assert.Equal(batch.Select(e => e.Sequence), sequences);
        Assert.Equal(Enumerable.Range(0, requests.Count).Select(i => requests.Take(i).Sum(r => r.Count)), requests.Select(r => r.Start));
    }

    [Fact(Timeout = 10_000)]
    public async Task SendAsync_Batch_PostsToTheRestEndpointWithSasAndServiceBusContentType()
    {
        // Arrange
        var handler = new CapturingHandler(HttpStatusCode.Created);
        var sink = NewSink(handler);

        // Act
        var result = await sink.SendAsync(Events.Range(1, 2), _ct);

        // Assert
        var request = Assert.Single(handler.Requests);
        Assert.Equal(SendOutcome.Sent, result.Outcome);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://contoso.servicebus.windows.net/metrics/messages?timeout=60&api-version=2014-01", request.Uri.ToString());
        Assert.Equal("application/vnd.microsoft.servicebus.json", request.ContentType);
        Assert.StartsWith("SharedAccessSignature sr=https%3A%2F%2Fcontoso.servicebus.windows.net%2Fmetrics&sig=", request.Authorization, StringComparison.Ordinal);
        Assert.EndsWith("&skn=send", request.Authorization, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task SendAsync_SecondOfTwoRequestsFails_ReportsTheFirstAsCompleted()
    {
        // Arrange: 3000 events need at least two requests; the second one gets 503.
        var handler = new CapturingHandler((i, _) => new HttpResponseMessage(i == 0 ? HttpStatusCode.Created : HttpStatusCode.ServiceUnavailable));
        var sink = NewSink(handler);
        var batch = Events.Range(1, 3000);
        var firstRequestCount = EventHubsRequestBuilder.Build(batch)[0].Count;

        // Act
        var result = await sink.SendAsync(batch, _ct);

        // Assert
        Assert.Equal(SendOutcome.Transient, result.Outcome);
        Assert.Equal(firstRequestCount, result.Completed);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory(Timeout = 10_000)]
    [InlineData(401)]
    [InlineData(403)]
    public async Task SendAsync_CredentialsRefused_IsUnauthorizedNotRefused(int status)
    {
        // Arrange
        var sink = NewSink(new CapturingHandler((HttpStatusCode)status));

        // Act
        var result = await sink.SendAsync(Events.Range(1, 2), _ct);

        // Assert
        Assert.Equal(SendOutcome.Unauthorized, result.Outcome);
        Assert.Equal(0, result.Completed);
    }
}
