namespace PredictiveMigration.Agent.Sampling;

/// <summary>One reading of the four /proc files, with the monotonic timestamp (<see cref="TimeProvider.GetTimestamp"/>) it was taken at.</summary>
public sealed record ProcSnapshot(
    long Timestamp,
    CpuSnapshot Cpu,
    MemorySnapshot Memory,
    IReadOnlyDictionary<string, DiskCounters> Disks,
    IReadOnlyDictionary<string, NetCounters> Interfaces);
