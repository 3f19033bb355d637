using System.Net;
using PredictiveMigration.Functions.Tests.Support;
using PredictiveMigration.Sandbox.Azurite;
using PredictiveMigration.Testing;

namespace PredictiveMigration.Functions.Tests.Ingestion;

/// <summary>A real Azurite process stopped mid-run and started again: the invocation fails while it is down and the host's retry completes the batch.</summary>
public class StorageOutageTests(StorageFixture storage)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 180_000)]
    public async Task Ingest_AzuriteStoppedThenRestarted_RetryAfterStorageReturnsLosesNothingAndCountsNothingTwice()
    {
        storage.Require();
        var executable = AzuriteServer.FindExecutable();
        if (executable is null)
        {
            Assert.Skip("this test starts its own Azurite process and none is installed (scripts/test.sh installs it)");
        }

        var location = Path.Combine(Path.GetTempPath(), "pm-outage-" + Guid.NewGuid().ToString("N"));
        await using var azurite = await AzuriteServer.StartAsync(executable, location, TestContext.Current.CancellationToken);
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, new FixedTimeProvider(Now));
        var minute = Now.AddMinutes(-5);
        string Batch(int first) => HostEnvelope.EventHub([.. Enumerable.Range(first, 6).Select(i => HostEnvelope.Event("edge-1", i, minute.AddSeconds(i * 5), cpu: i))]);

        using (var ok = await host.PostJsonAsync("/IngestMetrics", Batch(0)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await azurite.StopAsync(TestContext.Current.CancellationToken);
        using (var down = await host.PostJsonAsync("/IngestMetrics", Batch(6)))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, down.StatusCode);
        }

        await azurite.RestartAsync(TestContext.Current.CancellationToken);
        using (var retried = await host.PostJsonAsync("/IngestMetrics", Batch(6)))
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        }

        using (var again = await host.PostJsonAsync("/IngestMetrics", Batch(6)))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var series = await host.GetJsonAsync($"/api/servers/edge-1/metrics?metric=cpuPercent&from={minute:yyyy-MM-ddTHH:mm:ssZ}&to={minute.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}");
        var point = series.GetProperty("series")[0].GetProperty("points")[0];
        Assert.Equal(12, point.GetProperty("count").GetInt32());
        Assert.Equal(Enumerable.Range(0, 12).Average(), point.GetProperty("mean").GetDouble(), 9);
        Directory.Delete(location, recursive: true);
    }
}
