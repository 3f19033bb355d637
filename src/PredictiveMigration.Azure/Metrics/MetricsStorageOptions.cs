namespace PredictiveMigration.Azure.Metrics;

/// <summary>Where and how metrics are stored. Bound from the <c>Metrics</c> configuration section.</summary>
public sealed class MetricsStorageOptions
{
    /// <summary>Rollup table. Default <c>MetricRollups</c>.</summary>
    public string RollupTable { get; set; } = "MetricRollups";

    /// <summary>Dead-letter table. Default <c>MetricDeadLetters</c>.</summary>
    public string DeadLetterTable { get; set; } = "MetricDeadLetters";

    /// <summary>Server inventory table. Default <c>Servers</c>.</summary>
    public string ServerTable { get; set; } = "Servers";

    /// <summary>
    /// Number of partition buckets servers are hashed into (default 16). Fixed for the life of the data: the store
    /// records it and refuses to start with a different value. More buckets spread writes wider but cost more
    /// transactions per batch; see docs/metrics-storage.md.
    /// </summary>
    public int PartitionBuckets { get; set; } = 16;

    /// <summary>Server-minute rows whose state and ETag are kept in memory so steady-state writes need no reads. Default 100,000.</summary>
    public int MaxCachedRows { get; set; } = 100_000;

    /// <summary>The inventory's last-seen is rewritten at most this often per server (default 5 minutes).</summary>
    public TimeSpan InventoryRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Partition groups written in parallel per batch (default 4).</summary>
    public int WriteParallelism { get; set; } = 4;

    public void Validate()
    {
        foreach (var (name, value) in new[] { ("RollupTable", RollupTable), ("DeadLetterTable", DeadLetterTable), ("ServerTable", ServerTable) })
        {
            if (string.IsNullOrEmpty(value) || value.Length is < 3 or > 63 || !char.IsAsciiLetter(value[0]) || !value.All(char.IsAsciiLetterOrDigit))
            {
                throw new InvalidOperationException($"Metrics:{name} must be a valid table name (3-63 letters or digits, starting with a letter); was '{value}'.");
            }
        }

        if (PartitionBuckets is < 1 or > 256)
        {
            throw new InvalidOperationException($"Metrics:PartitionBuckets must be between 1 and 256 (was {PartitionBuckets}).");
        }

        if (MaxCachedRows < 0)
        {
            throw new InvalidOperationException($"Metrics:MaxCachedRows must not be negative (was {MaxCachedRows}).");
        }

        if (InventoryRefresh < TimeSpan.Zero || InventoryRefresh > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException($"Metrics:InventoryRefresh must be between 0 and 1 hour (was {InventoryRefresh}).");
        }

        if (WriteParallelism is < 1 or > 64)
        {
            throw new InvalidOperationException($"Metrics:WriteParallelism must be between 1 and 64 (was {WriteParallelism}).");
        }
    }
}
