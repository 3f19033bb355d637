namespace PredictiveMigration.Agent.Sampling;

/// <summary>The cumulative byte counters of one /proc/net/dev interface.</summary>
public readonly record struct NetCounters(ulong RxBytes, ulong TxBytes);
