namespace PredictiveMigration.Agent.Sampling;

/// <summary>The cumulative counters of one /proc/diskstats line that the agent uses.</summary>
public readonly record struct DiskCounters(ulong ReadsCompleted, ulong SectorsRead, ulong WritesCompleted, ulong SectorsWritten);
