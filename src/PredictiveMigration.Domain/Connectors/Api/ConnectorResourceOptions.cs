namespace PredictiveMigration.Domain.Connectors.Api;

/// <summary>How a migration's connector resources are derived from its bandwidth. Defaults in brackets.</summary>
public sealed record ConnectorResourceOptions
{
    /// <summary>MB/s one vCPU hashes, compresses and sends [100].</summary>
    public double MBpsPerCore { get; init; } = 100;

    /// <summary>Memory of the worker process itself, GB [2].</summary>
    public double BaseMemoryGb { get; init; } = 2;

    /// <summary>Seconds of transfer held in memory buffers [10].</summary>
    public double BufferSeconds { get; init; } = 10;

    /// <summary>Seconds of transfer staged on disk (compressed blocks in flight, retries) [300].</summary>
    public double StagingSeconds { get; init; } = 300;

    /// <summary>Block size of the replication manifest, bytes [4 MiB]; each block keeps a 16-byte hash per cycle, two cycles.</summary>
    public long BlockBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the setting.</summary>
    public void Validate()
    {
        if (MBpsPerCore <= 0 || BaseMemoryGb < 0 || BufferSeconds < 0 || StagingSeconds < 0 || BlockBytes <= 0)
        {
            var name = MBpsPerCore <= 0 ? nameof(MBpsPerCore) : BaseMemoryGb < 0 ? nameof(BaseMemoryGb) : BufferSeconds < 0 ? nameof(BufferSeconds) : StagingSeconds < 0 ? nameof(StagingSeconds) : nameof(BlockBytes);
            throw new ArgumentException($"Connectors:Resources:{name} must be positive (or zero where it is a duration or base).", name);
        }
    }
}
