namespace PredictiveMigration.Agent.Sampling;

/// <summary>What /proc/stat says: the aggregate cpu line and the number of cpuN lines.</summary>
public readonly record struct CpuSnapshot(CpuTimes Aggregate, int Cores);
