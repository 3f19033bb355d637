namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// Replays a <see cref="TraceSeries"/> onto a server: simulated time since the fleet start, plus
/// <see cref="Offset"/>, is read from the trace's first timestamp on, wrapping around at its end. CPU and memory
/// percentages are turned into demand against the capacity the trace was recorded on (from the file, or else the
/// server's initial size), so a bigger VM shows a lower utilisation for the same work.
/// </summary>
public sealed class TraceWorkload : IWorkload
{
    private const double BytesPerIo = 32 * 1024;
    private readonly DateTimeOffset _start;
    private readonly double _cores;
    private readonly double _memoryGb;

    public TraceWorkload(TraceSeries trace, DateTimeOffset start, TimeSpan offset, double recordedCores, double recordedMemoryGb)
    {
        ArgumentNullException.ThrowIfNull(trace);
        Trace = trace;
        _start = start;
        Offset = offset;
        _cores = trace.Cores ?? recordedCores;
        _memoryGb = trace.MemoryGb is > 0 ? trace.MemoryGb.Value : recordedMemoryGb;
    }

    public TraceSeries Trace { get; }

    /// <summary>Where in the trace this server starts (servers sharing a file start at different points).</summary>
    public TimeSpan Offset { get; }

    public WorkloadKind Kind => WorkloadKind.Trace;

    public DateTimeOffset? FailureAt => null;

    public TimeSpan PrecursorLead => TimeSpan.Zero;

    public WorkloadDemand Demand(DateTimeOffset time, long sample, TimeSpan sinceRestart)
    {
        var span = Trace.Times[^1] - Trace.Times[0] + Math.Max(1, Trace.Times[1] - Trace.Times[0]);
        var elapsed = (long)((time - _start) + Offset).TotalSeconds;
        var at = Trace.Times[0] + (((elapsed % span) + span) % span);
        var i = Trace.IndexAt(at);
        var cpu = Trace.Cpu[i];
        var read = Trace.DiskRead[i];
        var write = Trace.DiskWrite[i];
        return new WorkloadDemand(
            CpuCores: cpu / 100 * _cores,
            MemoryGb: Trace.Memory[i] / 100 * _memoryGb,
            DiskReadBytesPerSec: read,
            DiskWriteBytesPerSec: write,
            DiskReadIops: read / BytesPerIo,
            DiskWriteIops: write / BytesPerIo,
            NetRxBytesPerSec: Trace.NetRx[i],
            NetTxBytesPerSec: Trace.NetTx[i],
            BaseLatencyMs: 15,
            ErrorsPerSample: 0,
            QueueLength: Math.Round(cpu / 25));
    }
}
