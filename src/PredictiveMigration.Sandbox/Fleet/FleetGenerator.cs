namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// Draws a fleet from the seed: the kinds per <see cref="WorkloadMix"/> (shuffled), then each server's size and
/// workload parameters. Ranges (uniform): mean CPU 25–45 % of the initial size; daily amplitude ±25–50 % peaking at
/// 10:00–16:00 UTC; weekend dip 10–35 %; growing servers reach 97 % at their daily peak after 2–5 days; leaking
/// servers fill their memory 1.5–4 days after a restart; bursty servers burst in 4–10 % of half-hour windows by
/// +80–150 % (others: 1 % by +20–40 %); failing servers fail after 1–3.5 days with 3–8 hours of precursors.
/// </summary>
public static class FleetGenerator
{
    private const double MiB = 1024 * 1024;

    public static IReadOnlyList<SimulatedServer> Synthetic(FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var seed = options.Seed;
        var kinds = options.Mix.Allocate(options.ServerCount).SelectMany(k => Enumerable.Repeat(k.Kind, k.Count)).ToArray();
        var order = Enumerable.Range(0, kinds.Length).OrderBy(i => DeterministicNoise.Uniform(seed, i, -2, 30)).ToArray();
        var servers = new List<SimulatedServer>(options.ServerCount);
        for (var i = 0; i < options.ServerCount; i++)
        {
            var profile = Profile(options, i, kinds[order[i]]);
            servers.Add(new SimulatedServer(profile.ServerId, i, new SyntheticWorkload(profile, seed, options.Start), profile.InitialSize));
        }

        return servers;
    }

    /// <summary>N servers replaying the traces: server i plays trace i mod count, starting (i div count) days in.</summary>
    public static IReadOnlyList<SimulatedServer> FromTraces(FleetOptions options, IReadOnlyList<TraceSeries> traces)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(traces);
        options.Validate();
        if (traces.Count == 0)
        {
            throw new ArgumentException("at least one trace is needed", nameof(traces));
        }

        var servers = new List<SimulatedServer>(options.ServerCount);
        for (var i = 0; i < options.ServerCount; i++)
        {
            var trace = traces[i % traces.Count];
            var size = trace.Cores is { } cores
                ? options.Sizes.Where(s => s.Cores >= cores).OrderBy(s => s.Cores).ThenBy(s => Math.Abs(s.MemoryGb - (trace.MemoryGb ?? 0))).FirstOrDefault()?.Name
                : null;
            size ??= options.InitialSizes[(int)(DeterministicNoise.Uniform(options.Seed, i, -1, 20) * options.InitialSizes.Count)];
            var info = options.Size(size)!;
            var workload = new TraceWorkload(trace, options.Start, TimeSpan.FromDays(i / traces.Count), info.Cores, info.MemoryGb);
            servers.Add(new SimulatedServer(Id(options, i), i, workload, size));
        }

        return servers;
    }

    public static string Id(FleetOptions options, int index) => $"{options.ServerIdPrefix}-{index + 1:D3}";

    private static ServerProfile Profile(FleetOptions options, int i, WorkloadKind kind)
    {
        var seed = options.Seed;
        double U(int channel, double min, double max) => DeterministicNoise.Between(seed, i, channel, min, max);
        var size = options.InitialSizes[(int)(DeterministicNoise.Uniform(seed, i, -1, 20) * options.InitialSizes.Count)];
        var info = options.Size(size)!;
        var baseUtil = U(21, 0.25, 0.45);
        var amplitude = U(22, 0.25, 0.5);
        var growth = kind == WorkloadKind.Growing
            ? Math.Max(0.05, ((0.97 / (baseUtil * (1 + amplitude))) - 1) / U(23, 2, 5))
            : U(23, -0.01, 0.02);
        var memoryFraction = U(24, 0.35, 0.6);
        var leak = kind == WorkloadKind.Leaking ? (1 - memoryFraction) * info.MemoryGb / U(25, 1.5, 4) : 0;
        var bursty = kind == WorkloadKind.Bursty;
        return new ServerProfile
        {
            ServerId = Id(options, i),
            Index = i,
            Kind = kind,
            InitialSize = size,
            BaseCpuCores = baseUtil * info.Cores,
            DailyAmplitude = amplitude,
            PeakHour = U(26, 10, 16),
            WeekendDip = U(27, 0.1, 0.35),
            GrowthPerDay = growth,
            BurstProbability = bursty ? U(28, 0.04, 0.1) : 0.01,
            BurstMagnitude = bursty ? U(29, 0.8, 1.5) : U(29, 0.2, 0.4),
            BaseMemoryGb = memoryFraction * info.MemoryGb,
            LeakGbPerDay = leak,
            DiskBytesPerSec = U(31, 2, 40) * MiB,
            NetBytesPerSec = U(32, 1, 30) * MiB,
            BaseLatencyMs = U(33, 8, 30),
            FailureAt = kind == WorkloadKind.Failing ? options.Start + TimeSpan.FromDays(U(34, 1, 3.5)) : null,
            PrecursorLead = TimeSpan.FromHours(U(35, 3, 8)),
        };
    }
}
