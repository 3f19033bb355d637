namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// The parameters of one synthetic server's workload, drawn from the fleet seed. Loads are expressed against the
/// server's initial VM size (<see cref="InitialSize"/>): <see cref="BaseCpuCores"/> is the mean CPU demand in cores.
/// </summary>
public sealed record ServerProfile
{
    public required string ServerId { get; init; }

    /// <summary>Index in the fleet (the noise stream of the server).</summary>
    public required int Index { get; init; }

    public required WorkloadKind Kind { get; init; }

    public required string InitialSize { get; init; }

    /// <summary>Mean CPU demand, in cores, before seasonality and trend.</summary>
    public required double BaseCpuCores { get; init; }

    /// <summary>Relative amplitude of the daily cycle (0.4: ±40 % around the mean).</summary>
    public required double DailyAmplitude { get; init; }

    /// <summary>Hour of day (UTC) of the daily peak.</summary>
    public required double PeakHour { get; init; }

    /// <summary>Relative drop on Saturdays and Sundays (0.3: 30 % less).</summary>
    public required double WeekendDip { get; init; }

    /// <summary>Relative CPU growth per simulated day (0.1: +10 % of the base per day).</summary>
    public required double GrowthPerDay { get; init; }

    /// <summary>Chance that a half-hour window holds a burst.</summary>
    public required double BurstProbability { get; init; }

    /// <summary>Relative extra CPU during a burst (0.8: +80 %).</summary>
    public required double BurstMagnitude { get; init; }

    /// <summary>Memory in use right after a (re)start, in GB.</summary>
    public required double BaseMemoryGb { get; init; }

    /// <summary>Memory leaked per simulated day since the last restart, in GB.</summary>
    public required double LeakGbPerDay { get; init; }

    /// <summary>Disk throughput at mean load (read + write), bytes per second.</summary>
    public required double DiskBytesPerSec { get; init; }

    /// <summary>Network throughput at mean load (received + sent), bytes per second.</summary>
    public required double NetBytesPerSec { get; init; }

    /// <summary>Probe latency at low load, milliseconds.</summary>
    public required double BaseLatencyMs { get; init; }

    /// <summary>When the server fails on its own, or null.</summary>
    public DateTimeOffset? FailureAt { get; init; }

    /// <summary>How long before <see cref="FailureAt"/> errors and latency start to rise.</summary>
    public TimeSpan PrecursorLead { get; init; } = TimeSpan.FromHours(6);
}
