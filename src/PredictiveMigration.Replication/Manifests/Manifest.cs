using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Replication.Manifests;

/// <summary>
/// What the target holds after a committed cycle: one XxHash128 per block of the image as sent, plus the cycle's
/// result (so re-running a finished cycle returns it unchanged). Persisted by <see cref="ManifestStore"/>.
/// </summary>
/// <param name="ReadStartedAt">When the cycle began reading the source: the target's recovery point.</param>
internal sealed record Manifest(
    string MigrationId,
    int Cycle,
    int BlockSize,
    long ImageLength,
    UInt128[] Hashes,
    ReplicationCycle Result,
    DateTimeOffset ReadStartedAt);
