namespace PredictiveMigration.Azure.Replication;

/// <summary>Settings of <see cref="PageBlobReplicationService"/>. Call <see cref="Validate"/> at start-up.</summary>
public sealed class PageBlobReplicationOptions
{
    /// <summary>Container for per-migration state (cycle records, resume checkpoints). Default <c>replication-state</c>.</summary>
    public string StateContainer { get; set; } = "replication-state";

    /// <summary>Largest write per request (default 4 MiB, the Put Page limit); a multiple of 512.</summary>
    public int MaxWriteBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Granularity of the content comparison used when the service cannot diff snapshots (default 64 KiB; a multiple of 512).</summary>
    public int CompareBlockBytes { get; set; } = 64 * 1024;

    /// <summary>How a delta cycle finds the changed ranges. Default <see cref="PageRangeDiff.Service"/> (Azure). Use
    /// <see cref="PageRangeDiff.CompareSnapshots"/> on Azurite: 3.37 answers Get Page Ranges Diff with every valid range
    /// of the snapshot, ignoring <c>prevsnapshot</c> (correct, but nothing is saved).</summary>
    public PageRangeDiff Diff { get; set; } = PageRangeDiff.Service;

    /// <summary>When the service answers the diff with 501 Not Implemented, compare the two snapshots' content
    /// instead (default true). Reads both snapshots; still writes only changed ranges.</summary>
    public bool CompareWhenDiffUnsupported { get; set; } = true;

    public PageBlobReplicationOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(StateContainer))
        {
            throw new ArgumentException("Replication:StateContainer is required.", nameof(StateContainer));
        }

        if (MaxWriteBytes < 512 || MaxWriteBytes > 4 * 1024 * 1024 || MaxWriteBytes % 512 != 0)
        {
            throw new ArgumentException($"Replication:MaxWriteBytes must be a multiple of 512 up to 4 MiB (was {MaxWriteBytes}).", nameof(MaxWriteBytes));
        }

        if (CompareBlockBytes < 512 || CompareBlockBytes > MaxWriteBytes || CompareBlockBytes % 512 != 0 || MaxWriteBytes % CompareBlockBytes != 0)
        {
            throw new ArgumentException($"Replication:CompareBlockBytes must be a multiple of 512 that divides MaxWriteBytes (was {CompareBlockBytes}).", nameof(CompareBlockBytes));
        }

        if (!Enum.IsDefined(Diff))
        {
            throw new ArgumentException($"Replication:Diff must be one of {string.Join(", ", Enum.GetNames<PageRangeDiff>())} (was {Diff}).", nameof(Diff));
        }

        return this;
    }
}
