using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Workflows.Deciding;

namespace PredictiveMigration.Workflows.Tests.Support;

/// <summary>In-memory candidate store (open = not consumed).</summary>
internal sealed class InMemoryCandidates : IMigrationCandidateStore
{
    public Dictionary<string, MigrationCandidate> Open { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Consumed { get; } = new(StringComparer.Ordinal);

    public Task UpsertAsync(MigrationCandidate candidate, CancellationToken cancellationToken)
    {
        Open[candidate.ServerId] = candidate;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string serverId, CancellationToken cancellationToken)
    {
        Open.Remove(serverId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MigrationCandidate>> ListOpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MigrationCandidate>>([.. Open.Values.OrderByDescending(c => c.RiskScore)]);

    public Task ConsumeAsync(string serverId, string migrationId, CancellationToken cancellationToken)
    {
        Open.Remove(serverId);
        Consumed[serverId] = migrationId;
        return Task.CompletedTask;
    }
}

/// <summary>In-memory migration store.</summary>
internal sealed class InMemoryMigrations : IMigrationStore
{
    public Dictionary<string, MigrationRecord> Records { get; } = new(StringComparer.Ordinal);

    public Task<bool> CreateAsync(MigrationDecision decision, MigrationStatus status, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(Records.TryAdd(decision.MigrationId, new MigrationRecord(decision, status, MigrationStep.Approval, 0, null, at, at, [])));

    public Task<MigrationRecord?> GetAsync(string migrationId, CancellationToken cancellationToken) =>
        Task.FromResult(Records.GetValueOrDefault(migrationId));

    public Task<IReadOnlyList<MigrationRecord>> ListAsync(bool activeOnly, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MigrationRecord>>([.. Records.Values.Where(r => !activeOnly || r.IsActive)]);

    public Task RecordAsync(MigrationProgress progress, CancellationToken cancellationToken)
    {
        var r = Records[progress.MigrationId];
        Records[progress.MigrationId] = r with { Status = progress.Status, Step = progress.Entry.Step, Progress = progress.Progress, Timeline = [.. r.Timeline, progress.Entry] };
        return Task.CompletedTask;
    }
}

internal sealed class FakeDirectory(params ServerProfile[] servers) : IServerDirectory
{
    public Task<ServerProfile?> GetAsync(string serverId, CancellationToken cancellationToken) =>
        Task.FromResult(servers.FirstOrDefault(s => s.Source.ServerId == serverId));

    public Task<IReadOnlyList<ServerProfile>> ListInRegionAsync(string region, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ServerProfile>>([.. servers.Where(s => s.Source.Region == region)]);
}

internal sealed class FakeCatalog(PlacementCatalog catalog) : IPlacementCatalogSource
{
    public Task<PlacementCatalog> GetAsync(CancellationToken cancellationToken) => Task.FromResult(catalog);
}

internal sealed class RecordingLauncher : IMigrationLauncher
{
    public List<MigrationDecision> Launched { get; } = [];

    public Task LaunchAsync(MigrationDecision decision, CancellationToken cancellationToken)
    {
        Launched.Add(decision);
        return Task.CompletedTask;
    }
}

internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
