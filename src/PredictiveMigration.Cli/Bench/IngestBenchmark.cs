using System.Diagnostics;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using PredictiveMigration.Azure.Metrics;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Ingestion;
using PredictiveMigration.Domain.Metrics.Rollups;
using PredictiveMigration.Functions.Ingestion;

namespace PredictiveMigration.Cli.Bench;

/// <summary>
/// <c>pm bench ingest</c>. Two measurements on one thread, in the same run:
/// ingestion = decode the Functions host envelope (three JSON layers) + parse + validate + group + count into
/// minute rollups (no I/O); floor = <see cref="Utf8JsonReader"/> reading every token of the same event bodies.
/// Then, on Azurite, the real stores' HTTP requests per 1,000 events for a fleet sending one event per server every 10 s.
/// </summary>
internal static class IngestBenchmark
{
    private const int Repetitions = 5;

    public sealed record Result(
        int Events, int Servers, int BatchEvents,
        double EventsPerSecond, double FloorEventsPerSecond, double Ratio,
        int TableEvents, int TableServers, int TableRequests, double TableOpsPer1000Events, int PartitionBuckets);

    public static (double IngestPerSecond, double FloorPerSecond, double EnvelopeFloorPerSecond) MeasureThroughput(IReadOnlyList<byte[]> bodies, IReadOnlyList<byte[]> envelopes, IProgress<string>? progress)
    {
        var time = new FixedTime(SyntheticFleet.Start.AddDays(1));
        var ingestor = new MetricIngestor(NoStore.Instance, NoStore.Instance, NoStore.Instance, time, new MetricValidationOptions { MaxEventAge = TimeSpan.FromDays(30) });

        progress?.Report("warming up");
        IngestAll(ingestor, envelopes);
        Floor(bodies);

        var layers = Layer2Texts(envelopes);
        var ingest = new List<double>();
        var floor = new List<double>();
        var envelopeFloor = new List<double>();
        for (var r = 0; r < Repetitions; r++)
        {
            progress?.Report($"repetition {r + 1}/{Repetitions}");
            var sw = Stopwatch.StartNew();
            var counted = IngestAll(ingestor, envelopes);
            ingest.Add(counted / sw.Elapsed.TotalSeconds);
            if (counted != bodies.Count)
            {
                throw new InvalidOperationException($"ingestion counted {counted} of {bodies.Count} events: the benchmark's data is wrong");
            }

            sw.Restart();
            var tokens = Floor(bodies);
            floor.Add(bodies.Count / sw.Elapsed.TotalSeconds);
            GC.KeepAlive(tokens);

            // The floor of what the host actually sends: every layer scanned (envelope, inner array text, events).
            sw.Restart();
            tokens = Floor(envelopes) + Floor(layers) + Floor(bodies);
            envelopeFloor.Add(bodies.Count / sw.Elapsed.TotalSeconds);
            GC.KeepAlive(tokens);
        }

        return (Median(ingest), Median(floor), Median(envelopeFloor));
    }

    private static int IngestAll(MetricIngestor ingestor, IReadOnlyList<byte[]> envelopes)
    {
        var rollups = new Dictionary<(string, long), MinuteRollup>();
        var counted = 0;
        foreach (var envelope in envelopes)
        {
            if (!EventHubEnvelopeDecoder.TryDecode(envelope, "events", out var batch, out var error))
            {
                throw new InvalidOperationException(error);
            }

            using (batch)
            {
                var prepared = ingestor.Prepare(batch!.Events, batch.Source);
                foreach (var group in prepared.Groups)
                {
                    var key = (group.ServerId, group.Minute.UtcTicks);
                    if (!rollups.TryGetValue(key, out var rollup))
                    {
                        rollup = new MinuteRollup(group.ServerId, group.Minute);
                        rollups[key] = rollup;
                    }

                    foreach (var e in group.Events)
                    {
                        if (rollup.Apply(e))
                        {
                            counted++;
                        }
                    }
                }
            }
        }

        return counted;
    }

    private static List<byte[]> Layer2Texts(IReadOnlyList<byte[]> envelopes)
    {
        var result = new List<byte[]>(envelopes.Count);
        foreach (var envelope in envelopes)
        {
            using var doc = JsonDocument.Parse(envelope);
            result.Add(System.Text.Encoding.UTF8.GetBytes(doc.RootElement.GetProperty("Data").GetProperty("events").GetString()!));
        }

        return result;
    }

    private static long Floor(IReadOnlyList<byte[]> bodies)
    {
        long tokens = 0;
        foreach (var body in bodies)
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    /// <summary>Runs the real ingestion (rollups, inventory) against storage and counts its HTTP requests.</summary>
    public static async Task<(int Requests, int Events, int Buckets)> MeasureTableOpsAsync(string connectionString, int servers, int minutes, int batchEvents, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var counter = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var storageOptions = new MetricsStorageOptions { RollupTable = "benchroll" + suffix, DeadLetterTable = "benchdead" + suffix, ServerTable = "benchsrv" + suffix };
        var service = new TableServiceClient(connectionString, options);
        var tables = new MetricsTables(service, storageOptions);
        await tables.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

        var bodies = SyntheticFleet.Events(servers, servers * minutes * 6);
        var time = new FixedTime(SyntheticFleet.Start.AddMinutes(minutes + 1));
        var ingestor = new MetricIngestor(new TableRollupStore(tables), new TableDeadLetterStore(tables), new TableServerInventory(tables), time, new MetricValidationOptions());
        var before = counter.Count;
        for (var i = 0; i < bodies.Count; i += batchEvents)
        {
            var batch = bodies.Skip(i).Take(batchEvents).Select(b => new EventPayload(b)).ToList();
            var result = await ingestor.IngestAsync(batch, "bench", cancellationToken).ConfigureAwait(false);
            if (result.Accepted != batch.Count)
            {
                throw new InvalidOperationException($"batch at {i}: {result.Accepted} of {batch.Count} accepted");
            }

            if (i / batchEvents % 10 == 0)
            {
                progress?.Report($"table run: {i + batch.Count:N0}/{bodies.Count:N0} events, {counter.Count - before:N0} requests");
            }
        }

        var requests = counter.Count - before;
        foreach (var table in new[] { tables.Rollups, tables.DeadLetters, tables.Servers })
        {
            await table.DeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return (requests, bodies.Count, storageOptions.PartitionBuckets);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The throughput run stores nothing: it measures the CPU-bound path only.</summary>
    private sealed class NoStore : IRollupStore, IDeadLetterStore, PredictiveMigration.Domain.Metrics.Inventory.IServerInventory
    {
        public static readonly NoStore Instance = new();

        public Task<RollupWriteResult> ApplyAsync(IReadOnlyList<RollupGroup> groups, CancellationToken cancellationToken) => Task.FromResult(default(RollupWriteResult));

        public IAsyncEnumerable<MinuteRollup> ReadAsync(string serverId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) => AsyncEnumerable.Empty<MinuteRollup>();

        public Task AddAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<DeadLetter>> ListAsync(DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<DeadLetter>>([]);

        public Task RecordAsync(IReadOnlyList<PredictiveMigration.Domain.Metrics.Inventory.ServerObservation> observations, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<PredictiveMigration.Domain.Metrics.Inventory.ServerObservation>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PredictiveMigration.Domain.Metrics.Inventory.ServerObservation>>([]);

        public Task<PredictiveMigration.Domain.Metrics.Inventory.ServerObservation?> GetAsync(string serverId, CancellationToken cancellationToken) => Task.FromResult<PredictiveMigration.Domain.Metrics.Inventory.ServerObservation?>(null);
    }
}
