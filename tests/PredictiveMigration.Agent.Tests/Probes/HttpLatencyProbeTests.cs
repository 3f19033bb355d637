using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PredictiveMigration.Agent.Probes;
using PredictiveMigration.Agent.Tests.Infrastructure;

namespace PredictiveMigration.Agent.Tests.Probes;

public sealed class HttpLatencyProbeTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static HttpLatencyProbe NewProbe(HttpMessageHandler handler, TimeSpan? timeout = null) =>
        new(new HttpClient(handler),
            TestOptions.Create(o =>
            {
                o.Probes.HttpUrl = "http://app.test/health";
                o.Probes.HttpTimeout = timeout ?? TimeSpan.FromSeconds(5);
            }),
            TimeProvider.System,
            NullLogger<HttpLatencyProbe>.Instance);

    [Fact(Timeout = 10_000)]
    public async Task MeasureAsync_2xx_ReportsLatencyAndNoError()
    {
        // Arrange
        var handler = new CapturingHandler(HttpStatusCode.OK);
        var probe = NewProbe(handler);

        // Act
        var result = await probe.MeasureAsync(_ct);

        // Assert
        Assert.False(result.Failed);
        Assert.NotNull(result.LatencyMs);
        Assert.True(result.LatencyMs >= 0);
        Assert.Equal(HttpMethod.Get, Assert.Single(handler.Requests).Method);
    }

    [Fact(Timeout = 10_000)]
    public async Task MeasureAsync_Non2xx_CountsAsAnError()
    {
        // Arrange
        var probe = NewProbe(new CapturingHandler(HttpStatusCode.InternalServerError));

        // Act
        var result = await probe.MeasureAsync(_ct);

        // Assert
        Assert.True(result.Failed);
    }

    [Fact(Timeout = 10_000)]
    public async Task MeasureAsync_NetworkFailure_CountsAsAnErrorWithoutLatency()
    {
        // Arrange
        var probe = NewProbe(new CapturingHandler((_, _) => throw new HttpRequestException("connection refused")));

        // Act
        var result = await probe.MeasureAsync(_ct);

        // Assert
        Assert.True(result.Failed);
        Assert.Null(result.LatencyMs);
    }

    [Fact(Timeout = 10_000)]
    public async Task MeasureAsync_RepeatedFailures_CountEveryTimeButWarnOnceUntilRecovery()
    {
        // Arrange: three failures, then a success.
        var logger = new RecordingLogger<HttpLatencyProbe>();
        var handler = new CapturingHandler((i, _) => new HttpResponseMessage(i < 3 ? HttpStatusCode.BadGateway : HttpStatusCode.OK));
        var probe = new HttpLatencyProbe(new HttpClient(handler), TestOptions.Create(o => o.Probes.HttpUrl = "http://app.test/health"), TimeProvider.System, logger);

        // Act
        var results = new List<HttpProbeResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await probe.MeasureAsync(_ct));
        }

        // Assert
        Assert.Equal([true, true, true, false], results.Select(r => r.Failed));
        Assert.Equal(1, logger.Entries.Count(e => e.Level == LogLevel.Warning));
        Assert.True(logger.Has(LogLevel.Information, "succeeds again"));
    }
}
