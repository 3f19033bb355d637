using System.Net;
using System.Text;
using System.Text.Json;
using PredictiveMigration.Domain.Common;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Functions.Ingestion;
using PredictiveMigration.Sandbox.Fleet;
using PredictiveMigration.Sandbox.TriggerHost;

namespace PredictiveMigration.Sandbox.Tests.TriggerHost;

public class EventHubTriggerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> Settings = new() { ["MetricsEventHubName"] = "metrics", ["MetricsConsumerGroup"] = "$Default" };

    private static TriggerHostOptions Options(RecordingApp app, FunctionsFolder folder, int partitions = 4) => new()
    {
        AppBaseUrl = app.BaseUrl,
        FunctionsDirectory = folder.Path,
        Settings = Settings,
        AppReadyTimeout = TimeSpan.FromSeconds(10),
        EventHub = new EmulatedEventHubOptions { PartitionCount = partitions },
    };

    /// <summary>The app's real declaration of the ingestion function (with its exponential retry policy).</summary>
    private static FunctionsFolder IngestFolder() => new FunctionsFolder().Add(FunctionCatalog.IngestMetrics, FunctionCatalog.Get(FunctionCatalog.IngestMetrics).ToFunctionJson());

    private static List<MetricEvent> Events(string server, int count) =>
    [
        .. Enumerable.Range(1, count).Select(i => new MetricEvent
        {
            ServerId = server, Timestamp = Start.AddMinutes(i), Sequence = i, CpuPercent = 10 + i, MemoryUsedBytes = 1e9, MemoryTotalBytes = 8e9,
            DiskReadBytesPerSec = 0, DiskWriteBytesPerSec = 0, DiskReadIops = 0, DiskWriteIops = 0, NetRxBytesPerSec = 0, NetTxBytesPerSec = 0,
        }),
    ];

    private static async Task SendAsync(LocalTriggerHost host, IReadOnlyList<MetricEvent> events)
    {
        using var http = new HttpClient();
        var sender = new EventHubsRestSender(http, host.EventHub.MessagesUri("metrics"), () => "SharedAccessSignature sr=x&sig=y&se=1&skn=z");
        var result = await sender.SendAsync(events, CancellationToken.None);
        Assert.True(result.Sent, result.Error);
        Assert.Equal(201, result.Status);
    }

    [Fact(Timeout = 30_000)]
    public async Task RestSend_DeliveredBatches_DecodeWithTheAppsDecoderAndKeepPartitionsAndSequenceNumbers()
    {
        await using var app = await RecordingApp.StartAsync();
        using var folder = IngestFolder();
        var clock = AcceleratedTimeProvider.StartNow(Start, 60);
        await using var host = await LocalTriggerHost.StartAsync(Options(app, folder), clock, null, TestContext.Current.CancellationToken);

        await SendAsync(host, [.. Events("web-01", 5), .. Events("web-02", 5), .. Events("db-01", 5)]);
        await RecordingApp.WaitUntilAsync(() => host.Counters.EventsDelivered == 15, "15 delivered events");

        var delivered = new List<(string Partition, long Sequence, MetricEvent Event)>();
        foreach (var call in app.Invocations)
        {
            Assert.Equal("IngestMetrics", call.Function);
            var bytes = Encoding.UTF8.GetBytes(call.Body);
            Assert.True(EventHubEnvelopeDecoder.TryDecode(bytes, FunctionCatalog.EventsBinding, out var batch, out var error), error);
            using (batch)
            {
                Assert.Equal("metrics", batch!.EventHubName);
                foreach (var payload in batch.Events)
                {
                    Assert.True(MetricEventJson.TryParse(payload.Body.Span, out var e, out var rejection), rejection?.ToString());
                    delivered.Add((batch.PartitionId!, payload.SourceSequenceNumber!.Value, e!));
                }
            }

            var metadata = call.Json.GetProperty("Metadata");
            Assert.Equal(JsonValueKind.String, call.Json.GetProperty("Data").GetProperty("events").ValueKind);
            var system = JsonDocument.Parse(metadata.GetProperty("SystemPropertiesArray").GetString()!).RootElement;
            var sequences = JsonDocument.Parse(metadata.GetProperty("SequenceNumberArray").GetString()!).RootElement;
            Assert.Equal(sequences.GetArrayLength(), system.GetArrayLength());
            Assert.Equal(sequences[0].GetInt64(), system[0].GetProperty("SequenceNumber").GetInt64());
            Assert.Equal(JsonValueKind.String, system[0].GetProperty("Offset").ValueKind);
            Assert.Equal(JsonValueKind.Object, metadata.GetProperty("PartitionContext").ValueKind);
            Assert.Equal("$Default", metadata.GetProperty("PartitionContext").GetProperty("ConsumerGroup").GetString());
            Assert.Equal(0, metadata.GetProperty("RetryContext").GetProperty("RetryCount").GetInt32());
            Assert.Equal(JsonValueKind.String, metadata.GetProperty("PartitionKeyArray").ValueKind);
        }

        Assert.Equal(15, delivered.Count);
        foreach (var server in delivered.GroupBy(d => d.Event.ServerId))
        {
            Assert.Single(server.Select(d => d.Partition).Distinct());
            Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), server.Select(d => d.Event.Sequence));
            Assert.Equal(EmulatedEventHub.PartitionFor(server.Key, 4).ToString(System.Globalization.CultureInfo.InvariantCulture), server.First().Partition);
        }

        foreach (var partition in delivered.GroupBy(d => d.Partition))
        {
            Assert.Equal(Enumerable.Range(0, partition.Count()).Select(i => (long)i), partition.Select(d => d.Sequence));
            Assert.Equal(partition.Count() - 1, host.Checkpoint("IngestMetrics", partition.Key));
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Invocation_Answered500_BatchIsRedeliveredWithRetryCountAndCheckpointedOnlyAfter2xx()
    {
        await using var app = await RecordingApp.StartAsync();
        LocalTriggerHost? host = null;
        var checkpointDuringFailure = long.MinValue;
        app.Respond = n =>
        {
            if (n == 1)
            {
                checkpointDuringFailure = host!.Checkpoint("IngestMetrics", "0");
                return Task.FromResult(500);
            }

            return Task.FromResult(200);
        };
        using var folder = IngestFolder();
        var clock = AcceleratedTimeProvider.StartNow(Start, 1000); // the 5 s minimum retry interval is 5 ms
        host = await LocalTriggerHost.StartAsync(Options(app, folder, partitions: 1), clock, null, TestContext.Current.CancellationToken);
        await using (host)
        {
            await SendAsync(host, Events("web-01", 4));
            await RecordingApp.WaitUntilAsync(() => host.Counters.BatchesDelivered == 1, "the redelivered batch");

            var calls = app.Invocations.ToList();
            Assert.Equal(2, calls.Count);
            Assert.Equal(-1, checkpointDuringFailure);
            Assert.Equal(3, host.Checkpoint("IngestMetrics", "0"));
            Assert.Equal(calls[0].Json.GetProperty("Data").GetProperty("events").GetString(), calls[1].Json.GetProperty("Data").GetProperty("events").GetString());
            Assert.Equal(1, calls[1].Json.GetProperty("Metadata").GetProperty("RetryContext").GetProperty("RetryCount").GetInt32());
            Assert.Equal(-1, calls[1].Json.GetProperty("Metadata").GetProperty("RetryContext").GetProperty("MaxRetryCount").GetInt32());
            Assert.Equal(1, host.Counters.FailedInvocations);
            Assert.Equal(0, host.Counters.BatchesAbandoned);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Invocation_FailsWithoutRetryPolicy_CheckpointMovesPastTheBatchAsTheHostDoes()
    {
        await using var app = await RecordingApp.StartAsync();
        app.Respond = n => Task.FromResult(n == 1 ? 500 : 200);
        using var folder = new FunctionsFolder().Add("Ingest", """
            {"bindings":[{"name":"events","type":"eventHubTrigger","direction":"in","eventHubName":"metrics","connection":"C","cardinality":"many","dataType":"string"}]}
            """);
        await using var host = await LocalTriggerHost.StartAsync(Options(app, folder, partitions: 1), AcceleratedTimeProvider.StartNow(Start, 60), null, TestContext.Current.CancellationToken);

        await SendAsync(host, Events("web-01", 2));
        await RecordingApp.WaitUntilAsync(() => host.Counters.BatchesAbandoned == 1, "the abandoned batch");
        await SendAsync(host, Events("web-02", 1));
        await RecordingApp.WaitUntilAsync(() => host.Counters.BatchesDelivered == 1, "the next batch");

        Assert.Equal(2, app.Invocations.Count);
        Assert.Equal(2, host.Checkpoint("Ingest", "0"));
        Assert.False(app.Invocations.First().Json.GetProperty("Metadata").TryGetProperty("RetryContext", out _));
    }

    [Fact(Timeout = 30_000)]
    public async Task Dispatcher_MoreEventsThanMaxBatchSize_DeliversBatchesOfAtMostThatSize()
    {
        await using var app = await RecordingApp.StartAsync();
        using var folder = IngestFolder();
        var hostJson = Path.Combine(folder.Path, "host.json");
        File.WriteAllText(hostJson, """{"version":"2.0","extensions":{"eventHubs":{"maxEventBatchSize":4}}}""");
        var options = Options(app, folder, partitions: 1);
        options.HostJsonPath = hostJson;
        await using var host = await LocalTriggerHost.StartAsync(options, AcceleratedTimeProvider.StartNow(Start, 60), null, TestContext.Current.CancellationToken);

        await SendAsync(host, Events("web-01", 10));
        await RecordingApp.WaitUntilAsync(() => host.Counters.EventsDelivered == 10, "10 events");

        Assert.All(app.Invocations, c => Assert.True(JsonDocument.Parse(c.Json.GetProperty("Data").GetProperty("events").GetString()!).RootElement.GetArrayLength() <= 4));
        Assert.True(app.Invocations.Count >= 3);
    }

    [Fact(Timeout = 30_000)]
    public async Task RestApi_RefusesWhatTheServiceRefuses()
    {
        await using var hub = await EmulatedEventHub.StartAsync(new EmulatedEventHubOptions { Hubs = ["metrics"], SasKeyName = "send", SasKey = "secret" }, TimeProvider.System, TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        var resource = $"https://sandbox.servicebus.windows.net/metrics";
        var good = EventHubsRestSender.SasToken(resource, "send", "secret", TimeProvider.System.GetUtcNow().AddHours(1));
        var wrongKey = EventHubsRestSender.SasToken(resource, "send", "guess", TimeProvider.System.GetUtcNow().AddHours(1));

        async Task<(HttpStatusCode Status, string Text)> PostAsync(string hubName, string body, string? auth, string contentType = EmulatedEventHub.BatchContentType)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, hub.MessagesUri(hubName)) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            if (auth is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", auth);
            }

            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        const string Batch = """[{"Body":"{\"a\":1}","BrokerProperties":{"PartitionKey":"web-01"}},{"Body":"two"}]""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("metrics", Batch, null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("metrics", Batch, wrongKey)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("other", Batch, "Bearer token")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("other", Batch, good)).Status); // a token for another hub
        var bad = await PostAsync("metrics", """[{"Body":"ok"},{"Body":42}]""", good);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("message [1]: Body", bad.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("metrics", Batch, good)).Status);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("metrics", "single", "Bearer anything", "application/atom+xml;type=entry;charset=utf-8")).Status);

        var stored = hub.GetPartitions("metrics").SelectMany(p => p.Read(0, 100)).ToList();
        Assert.Equal(3, stored.Count);
        var keyed = Assert.Single(stored, e => e.PartitionKey == "web-01");
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(keyed.Body.Span));
        Assert.Equal(EmulatedEventHub.PartitionFor("web-01", 4).ToString(System.Globalization.CultureInfo.InvariantCulture), keyed.PartitionId);
    }

    [Fact]
    public void Loader_FunctionJsonWithTwoTriggers_IsRefusedNamingTheFunction()
    {
        using var folder = new FunctionsFolder().Add("Broken", """{"bindings":[{"name":"a","type":"timerTrigger","schedule":"* * * * * *"},{"name":"b","type":"queueTrigger"}]}""");

        var ex = Assert.Throws<FormatException>(() => FunctionMetadataLoader.Load(folder.Path));

        Assert.Contains("Broken/function.json", ex.Message, StringComparison.Ordinal);
    }
}
