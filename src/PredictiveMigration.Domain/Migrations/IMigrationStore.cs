namespace PredictiveMigration.Domain.Migrations;

/// <summary>
/// Migrations and their step timelines: the controller records decisions, the orchestration records progress, the
/// API lists and shows them. Every write is idempotent.
/// </summary>
public interface IMigrationStore
{
    /// <summary>Records a new migration (status <see cref="MigrationStatus.Scheduled"/> or <see cref="MigrationStatus.DryRun"/>); returns false when it already exists (unchanged).</summary>
    Task<bool> CreateAsync(MigrationDecision decision, MigrationStatus status, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The migration with its timeline, or null.</summary>
    Task<MigrationRecord?> GetAsync(string migrationId, CancellationToken cancellationToken);

    /// <summary>All migrations (without timelines), newest first; <paramref name="activeOnly"/> keeps those not final.</summary>
    Task<IReadOnlyList<MigrationRecord>> ListAsync(bool activeOnly, CancellationToken cancellationToken);

    /// <summary>Applies a status change and adds its timeline entry. Replaying the same entry sequence changes nothing. Throws <see cref="KeyNotFoundException"/> for an unknown migration.</summary>
    Task RecordAsync(MigrationProgress progress, CancellationToken cancellationToken);
}
