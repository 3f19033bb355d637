using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PredictiveMigration.Agent.Collecting;
using PredictiveMigration.Agent.Probes;
using PredictiveMigration.Agent.Spooling;
using PredictiveMigration.Agent.Tests.Infrastructure;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Agent.Tests.Probes;

public sealed class EventCollectorTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    private EventCollector NewCollector(HttpStatusCode probeStatus, string? httpUrl, string? queueCommand)
    {
        var options = TestOptions.Create(o =>
        {
            o.ServerId = "app-03";
            o.SpoolDirectory = _directory.Path;
            o.Probes.HttpUrl = httpUrl;
            o.Probes.QueueLengthCommand = queueCommand;
        });
        var time = new ManualTimeProvider(Events.Epoch);
        return new EventCollector(
            new CountingSampler(10),
            new HttpLatencyProbe(new HttpClient(new CapturingHandler(probeStatus)), options, time, NullLogger<HttpLatencyProbe>.Instance),
            new QueueLengthProbe(options, time, NullLogger<QueueLengthProbe>.Instance),
            new SequenceStore(options, NullLogger<SequenceStore>.Instance),
            options,
            time);
    }

    [Fact(Timeout = 10_000)]
    public async Task CollectAsync_ProbesConfigured_EventCarriesLatencyErrorCountAndQueueLength()
    {
        // Arrange: the HTTP probe gets a 503, the queue command prints 12.
        var collector = NewCollector(HttpStatusCode.ServiceUnavailable, "http://app.test/health", "echo 12");

        // Act
        var metricEvent = await collector.CollectAsync(_ct);

        // Assert
        Assert.NotNull(metricEvent);
        Assert.Equal("app-03", metricEvent.ServerId);
        Assert.Equal(1, metricEvent.Sequence);
        Assert.Equal(Events.Epoch, metricEvent.Timestamp);
        Assert.Equal(1, metricEvent.ErrorCount);
        Assert.True(metricEvent.Has(MetricKind.ProbeLatencyMs));
        Assert.Equal(12, metricEvent.QueueLength);
        Assert.Null(MetricEventValidator.Validate(metricEvent, Events.Epoch, new MetricValidationOptions()));
    }

    [Fact(Timeout = 10_000)]
    public async Task CollectAsync_NoProbes_OptionalMetricsAreAbsentAndSequenceIncreases()
    {
        // Arrange
        var collector = NewCollector(HttpStatusCode.OK, null, null);

        // Act
        var first = await collector.CollectAsync(_ct);
        var second = await collector.CollectAsync(_ct);

        // Assert
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.False(first.Has(MetricKind.ProbeLatencyMs));
        Assert.False(first.Has(MetricKind.ErrorCount));
        Assert.False(first.Has(MetricKind.QueueLength));
        Assert.Equal(first.Sequence + 1, second.Sequence);
        Assert.StartsWith("pm-agent/", first.AgentVersion, StringComparison.Ordinal);
    }
}
