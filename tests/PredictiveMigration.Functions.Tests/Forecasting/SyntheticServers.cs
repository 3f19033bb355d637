using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Inventory;
using PredictiveMigration.Domain.Metrics.Query;
using PredictiveMigration.Domain.Metrics.Rollups;

namespace PredictiveMigration.Functions.Tests.Forecasting;

/// <summary>
/// Servers with known structure, generated in the tests: CPU % and memory % as functions of time (NaN = no sample),
/// 8 GB of memory, 4 cores. As <see cref="MetricSeries"/> for the engine, or as rollups for the stores.
/// </summary>
internal static class SyntheticServers
{
    public const double MemoryTotal = 8e9;
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    public delegate (double Cpu, double Memory) Shape(DateTimeOffset t, Random noise);

    /// <summary>CPU about 30 % with a small daily wave, memory flat at 40 %: nothing to worry about.</summary>
    public static (double, double) Flat(DateTimeOffset t, Random noise) =>
        (30 + (3 * Math.Sin(2 * Math.PI * t.TimeOfDay.TotalHours / 24)) + Noise(noise, 1), 40 + Noise(noise, 0.3));

    /// <summary>Memory flat at 50 % until 12 hours before <paramref name="end"/>, then climbing steadily (+3.5 %/h) to about 92 %.</summary>
    public static Shape MemoryRamp(DateTimeOffset end) => (t, noise) =>
    {
        var start = end - TimeSpan.FromHours(12);
        var memory = t < start ? 50 : 50 + (3.5 * (t - start).TotalHours);
        return (25 + Noise(noise, 1), memory + Noise(noise, 0.3));
    };

    /// <summary>A daily CPU cycle (20-80 %) and a milder memory cycle: structure a trained model can learn.</summary>
    public static (double, double) Daily(DateTimeOffset t, Random noise)
    {
        var phase = 2 * Math.PI * t.TimeOfDay.TotalHours / 24;
        return (50 + (30 * Math.Sin(phase)) + Noise(noise, 2), 55 + (10 * Math.Sin(phase)) + Noise(noise, 0.5));
    }

    /// <summary>
    /// A batch server: CPU busy at about 90 % for 40-50 minutes, idle at about 5 % for 15-25, over and over (no daily
    /// period; the lengths follow <paramref name="seed"/>); memory flat at 45 %.
    /// </summary>
    public static Shape Jobs(DateTimeOffset start, int seed)
    {
        var rng = new Random(seed);
        var busy = new List<bool>();
        while (busy.Count < 60 * 288)
        {
            busy.AddRange(Enumerable.Repeat(true, rng.Next(8, 11)));
            busy.AddRange(Enumerable.Repeat(false, rng.Next(3, 6)));
        }

        return (t, noise) =>
        {
            var i = (int)((t - start) / Step);
            var on = i >= 0 && i < busy.Count && busy[i];
            return ((on ? 90 : 5) + Noise(noise, 2), 45 + Noise(noise, 0.3));
        };
    }

    private static double Noise(Random r, double amplitude) => amplitude * ((r.NextDouble() * 2) - 1);

    /// <summary>The query service's output for one server over [end − span, end) at 5 minutes.</summary>
    public static IReadOnlyList<MetricSeries> Series(string serverId, DateTimeOffset end, TimeSpan span, Shape shape, int seed = 1)
    {
        var noise = new Random(seed);
        var count = (int)(span / Step);
        var kinds = ServerHistoryKinds;
        var points = kinds.Select(_ => new SeriesPoint[count]).ToArray();
        for (var i = 0; i < count; i++)
        {
            var t = end - span + (Step * i);
            var (cpu, memory) = shape(t, noise);
            foreach (var (kind, k) in kinds.Select((kind, k) => (kind, k)))
            {
                var value = ValueOf(kind, cpu, memory);
                var stats = default(MetricStats);
                if (!double.IsNaN(cpu) && !double.IsNaN(value))
                {
                    stats.Add(value, t.UtcTicks);
                }

                points[k][i] = new SeriesPoint(t, stats);
            }
        }

        return [.. kinds.Select((kind, k) => new MetricSeries(serverId, kind, Step, points[k]))];
    }

    /// <summary>One rollup per 5 minutes (one event each) for one server over [end − span, end).</summary>
    public static List<RollupGroup> Rollups(string serverId, DateTimeOffset end, TimeSpan span, Shape shape, int seed = 1)
    {
        var noise = new Random(seed);
        var groups = new List<RollupGroup>();
        var count = (int)(span / Step);
        for (var i = 0; i < count; i++)
        {
            var t = end - span + (Step * i);
            var (cpu, memory) = shape(t, noise);
            if (double.IsNaN(cpu))
            {
                continue;
            }

            var e = new MetricEvent
            {
                ServerId = serverId,
                Timestamp = t,
                Sequence = i,
                AgentVersion = "1.0.0",
                CpuCores = 4,
                CpuPercent = cpu,
                MemoryUsedBytes = memory / 100 * MemoryTotal,
                MemoryTotalBytes = MemoryTotal,
                DiskReadBytesPerSec = 1000,
                DiskWriteBytesPerSec = 2000,
                DiskReadIops = 10,
                DiskWriteIops = 20,
                NetRxBytesPerSec = 3000,
                NetTxBytesPerSec = 4000,
            };
            groups.Add(new RollupGroup(serverId, t, [e]));
        }

        return groups;
    }

    public static ServerObservation Observation(string serverId, DateTimeOffset lastSeen) => new(serverId, lastSeen, "1.0.0", 4, MemoryTotal);

    private static readonly MetricKind[] ServerHistoryKinds =
    [
        MetricKind.CpuPercent, MetricKind.MemoryUsedBytes, MetricKind.MemoryTotalBytes, MetricKind.DiskReadIops, MetricKind.DiskWriteIops,
        MetricKind.NetRxBytesPerSec, MetricKind.NetTxBytesPerSec,
    ];

    private static double ValueOf(MetricKind kind, double cpu, double memory) => kind switch
    {
        MetricKind.CpuPercent => cpu,
        MetricKind.MemoryUsedBytes => memory / 100 * MemoryTotal,
        MetricKind.MemoryTotalBytes => MemoryTotal,
        MetricKind.DiskReadIops => 10,
        MetricKind.DiskWriteIops => 20,
        MetricKind.NetRxBytesPerSec => 3000,
        _ => 4000,
    };
}
