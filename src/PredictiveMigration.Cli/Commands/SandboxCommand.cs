using System.Diagnostics.Metrics;
using System.Globalization;
using PredictiveMigration.Functions;
using PredictiveMigration.Functions.Hosting;
using PredictiveMigration.Sandbox.Azurite;

namespace PredictiveMigration.Cli.Commands;

/// <summary>
/// <c>pm sandbox [--port 7071] [--duration 3m] [--data DIR]</c>: starts Azurite (installing it on first use), runs the
/// Functions app on a real port against it, prints what it serves and live ingestion progress until Ctrl-C or
/// --duration. The simulated fleet, trigger host and dashboard join it in later work (docs/architecture.md).
/// </summary>
internal static class SandboxCommand
{
    public static async Task<int> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        var port = line.Int("port", FunctionsApp.DefaultPort, 0, 65535);
        var duration = line.Duration("duration");
        var dataDirectory = line.String("data") ?? Path.Combine(RepositoryRoot.Find() ?? Directory.GetCurrentDirectory(), ".sandbox", "azurite");
        line.RejectUnknown();

        Console.WriteLine("PredictiveMigration sandbox");
        await using var storage = await LocalStorage.OpenAsync(dataDirectory, Console.Out, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"  storage   {storage.Description}");

        await using var app = FunctionsApp.Build(
        [
            "--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
            "--AzureWebJobsStorage", storage.ConnectionString,
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var baseUrl = app.Urls.First();
        PrintEndpoints(baseUrl);

        using var counters = new IngestCounters();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration is { } d)
        {
            stop.CancelAfter(d);
        }

        Console.WriteLine(duration is null ? "Running. Ctrl-C stops." : $"Running for {duration}.");
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                Console.WriteLine(counters.Line());
            }
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine(counters.Line());
        Console.WriteLine("Stopping...");
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    private static void PrintEndpoints(string baseUrl)
    {
        Console.WriteLine($"  app       {baseUrl}  (the Functions custom handler, as the Functions host would call it)");
        foreach (var f in FunctionCatalog.All)
        {
            var methods = string.Join(",", f.HttpMethods);
            var kind = f.IsForwardedHttp ? "HTTP" : f.Trigger.Type;
            Console.WriteLine($"            {methods,-5} {baseUrl}{f.RoutePattern,-32} {f.Name} ({kind})");
        }

        Console.WriteLine();
        Console.WriteLine("  Send metrics (schema: docs/metrics-schema.md), e.g.:");
        Console.WriteLine($"    curl -s -XPOST {baseUrl}/api/metrics -H 'content-type: application/json' -d '[{{\"schemaVersion\":1,\"serverId\":\"demo-1\",\"timestamp\":\"'$(date -u +%FT%TZ)'\",\"seq\":1,\"cpuPercent\":42,\"memoryUsedBytes\":2e9,\"memoryTotalBytes\":8e9,\"diskReadBytesPerSec\":0,\"diskWriteBytesPerSec\":0,\"diskReadIops\":0,\"diskWriteIops\":0,\"netRxBytesPerSec\":0,\"netTxBytesPerSec\":0}}]'");
        Console.WriteLine($"    curl -s '{baseUrl}/api/servers/demo-1/metrics?metric=cpuPercent&resolution=1m'");
        Console.WriteLine($"  Or run the agent on this machine: dotnet run --project src/PredictiveMigration.Agent -- --Agent:Sink:Mode=Http --Agent:Sink:Http:Url={baseUrl}/api/metrics");
        Console.WriteLine();
    }

    /// <summary>Listens to the app's <c>pm.ingest.events</c> counter for the progress line.</summary>
    private sealed class IngestCounters : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _accepted;
        private long _duplicates;
        private long _rejected;

        public IngestCounters()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "PredictiveMigration" && instrument.Name == "pm.ingest.events")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "outcome")
                    {
                        switch (tag.Value as string)
                        {
                            case "accepted":
                                Interlocked.Add(ref _accepted, value);
                                break;
                            case "duplicate":
                                Interlocked.Add(ref _duplicates, value);
                                break;
                            case "rejected":
                                Interlocked.Add(ref _rejected, value);
                                break;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public string Line() => string.Create(CultureInfo.InvariantCulture,
            $"  events: {Interlocked.Read(ref _accepted):N0} accepted, {Interlocked.Read(ref _duplicates):N0} duplicates, {Interlocked.Read(ref _rejected):N0} rejected");

        public void Dispose() => _listener.Dispose();
    }
}
