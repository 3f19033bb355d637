namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>
/// What a workload asks of its server at one instant, independent of the VM it runs on: CPU in cores, memory in GB,
/// disk and network in bytes (or operations) per second, and application indicators at low load.
/// </summary>
public readonly record struct WorkloadDemand(
    double CpuCores,
    double MemoryGb,
    double DiskReadBytesPerSec,
    double DiskWriteBytesPerSec,
    double DiskReadIops,
    double DiskWriteIops,
    double NetRxBytesPerSec,
    double NetTxBytesPerSec,
    double BaseLatencyMs,
    double ErrorsPerSample,
    double QueueLength);
