namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// A seeded synthetic workload. CPU demand = base × daily cycle (cosine peaking at <see cref="ServerProfile.PeakHour"/>)
/// × weekend dip × linear growth × burst (half-hour windows) × noise (6 %). Memory = base + leak × time since restart.
/// Disk and network follow the CPU load. All noise comes from <see cref="DeterministicNoise"/>.
/// </summary>
public sealed class SyntheticWorkload : IWorkload
{
    private const double BytesPerIo = 32 * 1024;
    private static readonly TimeSpan BurstWindow = TimeSpan.FromMinutes(30);

    private readonly int _seed;
    private readonly DateTimeOffset _start;

    public SyntheticWorkload(ServerProfile profile, int seed, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile;
        _seed = seed;
        _start = start;
    }

    public ServerProfile Profile { get; }

    public WorkloadKind Kind => Profile.Kind;

    public DateTimeOffset? FailureAt => Profile.FailureAt;

    public TimeSpan PrecursorLead => Profile.PrecursorLead;

    /// <summary>The daily × weekly × trend × burst factor, without noise (the structure the tests check).</summary>
    public double LoadFactor(DateTimeOffset time)
    {
        var p = Profile;
        var hour = time.UtcDateTime.TimeOfDay.TotalHours;
        var daily = 1 + (p.DailyAmplitude * Math.Cos(2 * Math.PI * (hour - p.PeakHour) / 24));
        var weekly = time.UtcDateTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1 - p.WeekendDip : 1;
        var trend = 1 + (p.GrowthPerDay * Math.Max(0, (time - _start).TotalDays));
        return daily * weekly * trend * BurstFactor(time);
    }

    /// <summary>1, or 1 + magnitude when the half-hour window of <paramref name="time"/> holds a burst.</summary>
    public double BurstFactor(DateTimeOffset time)
    {
        var p = Profile;
        if (p.BurstProbability <= 0)
        {
            return 1;
        }

        var window = (time - DateTimeOffset.UnixEpoch).Ticks / BurstWindow.Ticks;
        return DeterministicNoise.Uniform(_seed, p.Index, window, 11) < p.BurstProbability
            ? 1 + (p.BurstMagnitude * (0.7 + (0.3 * DeterministicNoise.Uniform(_seed, p.Index, window, 12))))
            : 1;
    }

    public WorkloadDemand Demand(DateTimeOffset time, long sample, TimeSpan sinceRestart)
    {
        var p = Profile;
        var load = LoadFactor(time) * Math.Max(0.2, 1 + (0.06 * DeterministicNoise.Normal(_seed, p.Index, sample, 1)));
        var memory = (p.BaseMemoryGb * (1 + (0.02 * DeterministicNoise.Normal(_seed, p.Index, sample, 2))))
            + (p.LeakGbPerDay * Math.Max(0, sinceRestart.TotalDays));
        var disk = p.DiskBytesPerSec * load * Math.Max(0.1, 1 + (0.1 * DeterministicNoise.Normal(_seed, p.Index, sample, 3)));
        var net = p.NetBytesPerSec * load * Math.Max(0.1, 1 + (0.1 * DeterministicNoise.Normal(_seed, p.Index, sample, 4)));
        var errors = Math.Max(0, Math.Round(0.1 + (0.4 * DeterministicNoise.Normal(_seed, p.Index, sample, 5))));
        var queue = Math.Max(0, Math.Round((2 * load) + DeterministicNoise.Normal(_seed, p.Index, sample, 6)));
        return new WorkloadDemand(
            CpuCores: p.BaseCpuCores * load,
            MemoryGb: Math.Max(0.1, memory),
            DiskReadBytesPerSec: disk * 0.6,
            DiskWriteBytesPerSec: disk * 0.4,
            DiskReadIops: disk * 0.6 / BytesPerIo,
            DiskWriteIops: disk * 0.4 / BytesPerIo,
            NetRxBytesPerSec: net * 0.55,
            NetTxBytesPerSec: net * 0.45,
            BaseLatencyMs: p.BaseLatencyMs * Math.Max(0.5, 1 + (0.05 * DeterministicNoise.Normal(_seed, p.Index, sample, 7))),
            ErrorsPerSample: errors,
            QueueLength: queue);
    }
}
