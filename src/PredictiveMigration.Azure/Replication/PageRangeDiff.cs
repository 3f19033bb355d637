namespace PredictiveMigration.Azure.Replication;

/// <summary>How <see cref="PageBlobReplicationService"/> finds what changed between two snapshots.</summary>
public enum PageRangeDiff
{
    /// <summary>The service's Get Page Ranges Diff (<c>prevsnapshot</c>): no data is read to find the changes.</summary>
    Service = 0,

    /// <summary>Read both snapshots where either has valid pages and compare them block by block (emulators).</summary>
    CompareSnapshots = 1,
}
