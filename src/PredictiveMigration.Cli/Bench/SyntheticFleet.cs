using System.Text.Json;
using PredictiveMigration.Domain.Metrics;

namespace PredictiveMigration.Cli.Bench;

/// <summary>
/// A fleet whose agents each send one event every 10 s, in time order (as one Event Hubs partition delivers them),
/// with plausible, varied values. Deterministic for a given seed.
/// </summary>
internal static class SyntheticFleet
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static List<byte[]> Events(int servers, int count, int seed = 42)
    {
        var random = new Random(seed);
        var bodies = new List<byte[]>(count);
        for (var tick = 0; bodies.Count < count; tick++)
        {
            for (var s = 0; s < servers && bodies.Count < count; s++)
            {
                var at = Start.AddSeconds((tick * 10) + (s % 10));
                var cores = 2 << (s % 4);
                var memory = cores * 4e9;
                var e = new MetricEvent
                {
                    ServerId = $"vm-{s:D5}",
                    Timestamp = at,
                    Sequence = tick,
                    AgentVersion = "1.0.0",
                    CpuCores = cores,
                    CpuPercent = Math.Round(Math.Clamp(35 + (30 * Math.Sin((tick + s) / 50.0)) + (random.NextDouble() * 20), 0, 100), 2),
                    MemoryUsedBytes = Math.Round(memory * (0.4 + (0.3 * random.NextDouble()))),
                    MemoryTotalBytes = memory,
                    DiskReadBytesPerSec = Math.Round(random.NextDouble() * 5e7),
                    DiskWriteBytesPerSec = Math.Round(random.NextDouble() * 3e7),
                    DiskReadIops = Math.Round(random.NextDouble() * 500),
                    DiskWriteIops = Math.Round(random.NextDouble() * 300),
                    NetRxBytesPerSec = Math.Round(random.NextDouble() * 1e8),
                    NetTxBytesPerSec = Math.Round(random.NextDouble() * 5e7),
                    ProbeLatencyMs = Math.Round(5 + (random.NextDouble() * 20), 1),
                };
                bodies.Add(MetricEventJson.Serialize(e));
            }
        }

        return bodies;
    }

    /// <summary>
    /// The host serializes with Newtonsoft, which escapes only quotes, backslashes and control characters
    /// (<c>\"</c>, not System.Text.Json's default <c>\u0022</c>); the relaxed encoder writes the same text.
    /// </summary>
    private static readonly JsonSerializerOptions HostLike = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Event Hubs trigger invocation bodies, double-encoded as the Functions host sends them.</summary>
    public static List<byte[]> Envelopes(IReadOnlyList<byte[]> bodies, int batchEvents)
    {
        var envelopes = new List<byte[]>();
        for (var i = 0; i < bodies.Count; i += batchEvents)
        {
            var chunk = bodies.Skip(i).Take(batchEvents).Select(b => System.Text.Encoding.UTF8.GetString(b)).ToList();
            var data = JsonSerializer.Serialize(chunk, HostLike);
            var envelope = JsonSerializer.SerializeToUtf8Bytes(new
            {
                Data = new { events = data },
                Metadata = new
                {
                    PartitionContext = new { EventHubName = "metrics", PartitionId = "0" },
                    SequenceNumberArray = JsonSerializer.Serialize(Enumerable.Range(i, chunk.Count)),
                    sys = new { MethodName = "IngestMetrics" },
                },
            }, HostLike);
            envelopes.Add(envelope);
        }

        return envelopes;
    }
}
