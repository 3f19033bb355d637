using System.Globalization;
using System.Text.Json;
using PredictiveMigration.Cli.Bench;

namespace PredictiveMigration.Cli.Commands;

/// <summary>
/// <c>pm bench ingest [--events N] [--servers N] [--batch N] [--table-servers N] [--table-minutes N] [--json]</c>.
/// With --json the last line is one flat JSON object: <c>events_per_s</c>, <c>floor_events_per_s</c>, <c>ratio</c>,
/// <c>table_ops_per_1000_events</c> (a contract other tools read), plus the parameters.
/// </summary>
internal static class IngestBenchCommand
{
    public static async Task<int> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        var events = line.Int("events", 200_000, 1_000, 10_000_000);
        var servers = line.Int("servers", 1_000, 1, 1_000_000);
        var batch = line.Int("batch", 1_000, 1, 10_000);
        var tableServers = line.Int("table-servers", 1_000, 1, 100_000);
        var tableMinutes = line.Int("table-minutes", 5, 1, 120);
        var json = line.Flag("json");
        line.RejectUnknown();

        var progress = new Progress<string>(m => Console.Error.WriteLine($"  {m}"));
        Console.Error.WriteLine($"pm bench ingest: generating {events:N0} events from {servers:N0} servers (one every 10 s each), envelopes of {batch:N0}");
        var bodies = SyntheticFleet.Events(servers, events);
        var envelopes = SyntheticFleet.Envelopes(bodies, batch);
        Console.Error.WriteLine("throughput on one thread (median of 5):");
        var (ingest, floor, envelopeFloor) = IngestBenchmark.MeasureThroughput(bodies, envelopes, progress);

        await using var storage = await LocalStorage.OpenAsync(null, Console.Error, cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"table operations on {storage.Description}:");
        var (requests, tableEvents, buckets) = await IngestBenchmark.MeasureTableOpsAsync(storage.ConnectionString, tableServers, tableMinutes, batch, progress, cancellationToken).ConfigureAwait(false);
        var opsPer1000 = requests * 1000.0 / tableEvents;

        var figures = new Dictionary<string, object>
        {
            ["events"] = events,
            ["servers"] = servers,
            ["batch_events"] = batch,
            ["events_per_s"] = Math.Round(ingest),
            ["floor_events_per_s"] = Math.Round(floor),
            ["ratio"] = Math.Round(ingest / floor, 3),
            ["envelope_floor_events_per_s"] = Math.Round(envelopeFloor),
            ["ratio_to_envelope_floor"] = Math.Round(ingest / envelopeFloor, 3),
            ["table_events"] = tableEvents,
            ["table_servers"] = tableServers,
            ["table_requests"] = requests,
            ["partition_buckets"] = buckets,
            ["table_ops_per_1000_events"] = Math.Round(opsPer1000, 2),
        };

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("| figure                                   | value        | aim      |");
        Console.WriteLine("|------------------------------------------|--------------|----------|");
        Console.WriteLine(string.Create(c, $"| ingestion (decode+validate+rollup) ev/s  | {ingest,12:N0} |          |"));
        Console.WriteLine(string.Create(c, $"| parsing floor (Utf8JsonReader scan) ev/s | {floor,12:N0} |          |"));
        Console.WriteLine(string.Create(c, $"| ratio                                    | {ingest / floor,12:F3} | >= 0.5   |"));
        Console.WriteLine(string.Create(c, $"| floor of all delivered layers ev/s       | {envelopeFloor,12:N0} |          |"));
        Console.WriteLine(string.Create(c, $"| ratio to that floor                      | {ingest / envelopeFloor,12:F3} |          |"));
        Console.WriteLine(string.Create(c, $"| table ops per 1,000 events               | {opsPer1000,12:F2} | <= 20    |"));
        Console.WriteLine(string.Create(c, $"|   ({requests:N0} requests for {tableEvents:N0} events, {tableServers:N0} servers, {buckets} buckets, batches of {batch:N0})"));
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(figures));
        }

        return 0;
    }
}
