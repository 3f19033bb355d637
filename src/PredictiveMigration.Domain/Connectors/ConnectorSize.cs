namespace PredictiveMigration.Domain.Connectors;

/// <summary>
/// A VM size a connector can run at, with what it carries there: total transfer bandwidth in MB/s (1 MB = 10^6 bytes)
/// and concurrent migration tasks. A warm connector runs at a size with <see cref="MaxTasks"/> 0.
/// </summary>
/// <param name="Name">The cloud VM size (e.g. <c>Standard_D4s_v3</c>).</param>
/// <param name="Cores">Its vCPUs (what counts against the regional quota).</param>
/// <param name="MemoryGb">Its memory.</param>
/// <param name="BandwidthMBps">Transfer bandwidth a connector of this size sustains, all tasks together.</param>
/// <param name="MaxTasks">Concurrent migration tasks it carries.</param>
public sealed record ConnectorSize(string Name, int Cores, double MemoryGb, double BandwidthMBps, int MaxTasks);
