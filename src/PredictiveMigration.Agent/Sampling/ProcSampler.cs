using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;

namespace PredictiveMigration.Agent.Sampling;

/// <summary>
/// Samples /proc/stat, /proc/meminfo, /proc/diskstats and /proc/net/dev under a configurable root. Rates come from
/// the deltas between two readings, so the first call only primes the counters and returns null.
/// </summary>
public sealed class ProcSampler : ISampler
{
    private const double BytesPerSector = 512;

    private readonly string _root;
    private readonly TimeProvider _time;
    private readonly ILogger<ProcSampler> _logger;
    private ProcSnapshot? _previous;

    public ProcSampler(IOptions<AgentOptions> options, TimeProvider time, ILogger<ProcSampler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = options.Value.ProcRoot;
        _time = time;
        _logger = logger;
    }

    public async ValueTask<ResourceSample?> SampleAsync(CancellationToken cancellationToken)
    {
        ProcSnapshot current;
        try
        {
            current = await ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            // Keep the previous reading: the next good one measures over the longer interval.
            _logger.ProcReadFailed(_root, ex);
            return null;
        }

        var previous = _previous;
        _previous = current;
        return previous is null ? null : Compute(previous, current, _time.GetElapsedTime(previous.Timestamp, current.Timestamp));
    }

    /// <summary>Reads the four files once.</summary>
    public async Task<ProcSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var stat = await ReadFileAsync("stat", cancellationToken).ConfigureAwait(false);
        var meminfo = await ReadFileAsync("meminfo", cancellationToken).ConfigureAwait(false);
        var diskstats = await ReadFileAsync("diskstats", cancellationToken).ConfigureAwait(false);
        var netdev = await ReadFileAsync(Path.Combine("net", "dev"), cancellationToken).ConfigureAwait(false);
        return new ProcSnapshot(
            _time.GetTimestamp(),
            StatParser.Parse(stat),
            MeminfoParser.Parse(meminfo),
            DiskStatsParser.Parse(diskstats),
            NetDevParser.Parse(netdev));
    }

    /// <summary>The resource use between two readings taken <paramref name="elapsed"/> apart.</summary>
    public static ResourceSample Compute(ProcSnapshot previous, ProcSnapshot current, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);

        double readSectors = 0, writeSectors = 0, reads = 0, writes = 0;
        foreach (var (name, now) in current.Disks)
        {
            // A disk that appeared during the interval has no baseline: it counts from the next interval on.
            if (previous.Disks.TryGetValue(name, out var before))
            {
                readSectors += CounterMath.Rate(before.SectorsRead, now.SectorsRead, elapsed);
                writeSectors += CounterMath.Rate(before.SectorsWritten, now.SectorsWritten, elapsed);
                reads += CounterMath.Rate(before.ReadsCompleted, now.ReadsCompleted, elapsed);
                writes += CounterMath.Rate(before.WritesCompleted, now.WritesCompleted, elapsed);
            }
        }

        double rx = 0, tx = 0;
        foreach (var (name, now) in current.Interfaces)
        {
            if (previous.Interfaces.TryGetValue(name, out var before))
            {
                rx += CounterMath.Rate(before.RxBytes, now.RxBytes, elapsed);
                tx += CounterMath.Rate(before.TxBytes, now.TxBytes, elapsed);
            }
        }

        return new ResourceSample
        {
            CpuPercent = CpuPercent(previous.Cpu.Aggregate, current.Cpu.Aggregate),
            CpuCores = current.Cpu.Cores,
            MemoryUsedBytes = current.Memory.UsedBytes,
            MemoryTotalBytes = current.Memory.TotalBytes,
            DiskReadBytesPerSec = readSectors * BytesPerSector,
            DiskWriteBytesPerSec = writeSectors * BytesPerSector,
            DiskReadIops = reads,
            DiskWriteIops = writes,
            NetRxBytesPerSec = rx,
            NetTxBytesPerSec = tx,
        };
    }

    /// <summary>Busy share of the jiffies between two readings, 0-100; 0 when the counters went backwards.</summary>
    public static double CpuPercent(CpuTimes previous, CpuTimes current)
    {
        if (current.Total <= previous.Total || current.Busy < previous.Busy)
        {
            return 0;
        }

        var total = current.Total - previous.Total;
        var busy = current.Busy - previous.Busy;
        return Math.Clamp(100.0 * busy / total, 0, 100);
    }

    private Task<string> ReadFileAsync(string relativePath, CancellationToken cancellationToken) =>
        File.ReadAllTextAsync(Path.Combine(_root, relativePath), cancellationToken);
}
