namespace PredictiveMigration.Azure.Forecasting;

/// <summary>Where forecasting results and models are stored. Bound from the <c>ForecastStorage</c> configuration section.</summary>
public sealed class ForecastStorageOptions
{
    /// <summary>Latest forecast and risk per server. Default <c>ServerRisk</c>.</summary>
    public string LatestTable { get; set; } = "ServerRisk";

    /// <summary>Every assessment, for "risk over time" charts. Default <c>RiskHistory</c>.</summary>
    public string HistoryTable { get; set; } = "RiskHistory";

    /// <summary>Open (and consumed) migration candidates. Default <c>MigrationCandidates</c>.</summary>
    public string CandidateTable { get; set; } = "MigrationCandidates";

    /// <summary>Blob container of the versioned models. Default <c>models</c>.</summary>
    public string ModelContainer { get; set; } = "models";

    /// <summary>Partition buckets servers are hashed into (default 16, like the metrics tables).</summary>
    public int PartitionBuckets { get; set; } = 16;

    /// <summary>Partitions written concurrently when saving a run (default 8).</summary>
    public int WriteParallelism { get; set; } = 8;

    public void Validate()
    {
        foreach (var (name, value) in new[] { ("LatestTable", LatestTable), ("HistoryTable", HistoryTable), ("CandidateTable", CandidateTable) })
        {
            if (string.IsNullOrEmpty(value) || value.Length is < 3 or > 63 || !char.IsAsciiLetter(value[0]) || !value.All(char.IsAsciiLetterOrDigit))
            {
                throw new InvalidOperationException($"ForecastStorage:{name} must be a valid table name (3-63 letters or digits, starting with a letter); was '{value}'.");
            }
        }

        if (string.IsNullOrEmpty(ModelContainer) || ModelContainer.Length is < 3 or > 63 || !ModelContainer.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            || !char.IsAsciiLetterOrDigit(ModelContainer[0]) || ModelContainer.Contains("--", StringComparison.Ordinal) || ModelContainer.EndsWith('-'))
        {
            throw new InvalidOperationException($"ForecastStorage:ModelContainer must be a valid blob container name (3-63 lower-case letters, digits and single hyphens); was '{ModelContainer}'.");
        }

        if (PartitionBuckets is < 1 or > 256)
        {
            throw new InvalidOperationException($"ForecastStorage:PartitionBuckets must be between 1 and 256 (was {PartitionBuckets}).");
        }

        if (WriteParallelism is < 1 or > 64)
        {
            throw new InvalidOperationException($"ForecastStorage:WriteParallelism must be between 1 and 64 (was {WriteParallelism}).");
        }
    }
}
