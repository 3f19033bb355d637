namespace PredictiveMigration.Agent.Sampling;

/// <summary>Cumulative jiffies of a /proc/stat cpu line: all of them (user..steal) and the idle part (idle + iowait).</summary>
public readonly record struct CpuTimes(ulong Total, ulong Idle)
{
    public ulong Busy => Total > Idle ? Total - Idle : 0;
}
