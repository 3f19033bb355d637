namespace PredictiveMigration.Domain.Migrations;

/// <summary>
/// Open migration candidates, one per server. <c>RunForecasts</c> writes them; the migration controller reads and
/// consumes them. Every operation is idempotent.
/// </summary>
public interface IMigrationCandidateStore
{
    /// <summary>Records (or replaces) the open candidate of <see cref="MigrationCandidate.ServerId"/>.</summary>
    Task UpsertAsync(MigrationCandidate candidate, CancellationToken cancellationToken);

    /// <summary>Removes the open candidate of a server (its risk fell back below the threshold); absent is fine.</summary>
    Task RemoveAsync(string serverId, CancellationToken cancellationToken);

    /// <summary>All open candidates, highest risk first.</summary>
    Task<IReadOnlyList<MigrationCandidate>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>Marks the candidate of a server as taken by a migration (it no longer lists as open); absent is fine.</summary>
    Task ConsumeAsync(string serverId, string migrationId, CancellationToken cancellationToken);
}
