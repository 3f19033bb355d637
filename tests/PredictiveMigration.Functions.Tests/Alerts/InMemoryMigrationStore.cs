using System.Collections.Concurrent;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Functions.Tests.Alerts;

/// <summary>An in-memory <see cref="IMigrationStore"/> for unit tests, idempotent by entry sequence like the real one.</summary>
internal sealed class InMemoryMigrationStore : IMigrationStore
{
    private readonly ConcurrentDictionary<string, MigrationRecord> _records = new(StringComparer.Ordinal);

    public Task<bool> CreateAsync(MigrationDecision decision, MigrationStatus status, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(_records.TryAdd(decision.MigrationId, new MigrationRecord(decision, status, MigrationStep.Approval, 0, null, at, at, [])));

    /// <summary>The record as stored now, synchronously (for callbacks).</summary>
    public MigrationRecord? Peek(string migrationId) => _records.GetValueOrDefault(migrationId);

    public Task<MigrationRecord?> GetAsync(string migrationId, CancellationToken cancellationToken) => Task.FromResult(_records.GetValueOrDefault(migrationId));

    public Task<IReadOnlyList<MigrationRecord>> ListAsync(bool activeOnly, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MigrationRecord>>([.. _records.Values.Where(r => !activeOnly || r.IsActive)]);

    public Task RecordAsync(MigrationProgress progress, CancellationToken cancellationToken)
    {
        if (!_records.TryGetValue(progress.MigrationId, out var record))
        {
            throw new KeyNotFoundException($"Migration '{progress.MigrationId}' does not exist.");
        }

        if (record.Timeline.Any(e => e.Sequence == progress.Entry.Sequence))
        {
            return Task.CompletedTask;
        }

        _records[progress.MigrationId] = record with
        {
            Status = progress.Status,
            Step = progress.Entry.Step,
            Progress = progress.Progress,
            Outcome = progress.Outcome,
            UpdatedAt = progress.Entry.At,
            Timeline = [.. record.Timeline, progress.Entry],
        };
        return Task.CompletedTask;
    }
}
