namespace PredictiveMigration.Azure.Replication;

/// <summary>
/// One cycle's state blob (<c>&lt;migration&gt;/cycle-000001.json</c> in the state container). While the cycle runs,
/// <see cref="Completed"/> is false and <see cref="CopiedUpTo"/> is the offset below which every changed range
/// already landed on the target (the resume checkpoint). Once <see cref="Completed"/> is true the record is the
/// cycle's result, returned unchanged if the cycle is asked for again.
/// </summary>
internal sealed record PageBlobCycleRecord
{
    public int Version { get; init; } = 1;

    public required string MigrationId { get; init; }

    public required int Cycle { get; init; }

    /// <summary>The source disk (<c>container/blob</c>) the snapshots belong to.</summary>
    public required string Source { get; init; }

    /// <summary>The source snapshot this cycle copies from.</summary>
    public required string Snapshot { get; init; }

    /// <summary>The previous cycle's snapshot the diff is taken against (null for the full copy).</summary>
    public string? PreviousSnapshot { get; init; }

    public required long SourceLength { get; init; }

    /// <summary>The previous cycle's source length (0 for the full copy).</summary>
    public long PreviousLength { get; init; }

    public required DateTimeOffset ReadStartedAt { get; init; }

    public long CopiedUpTo { get; init; }

    public long BytesScanned { get; init; }

    public long BytesSent { get; init; }

    public int ChangedRanges { get; init; }

    public bool Completed { get; init; }

    public string? DiffMode { get; init; }

    public TimeSpan Lag { get; init; }

    public TimeSpan Duration { get; init; }
}
