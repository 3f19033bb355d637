namespace PredictiveMigration.Domain.Metrics.Rollups;

/// <summary>Per-server, per-minute rollups. Applying the same events twice must leave the same state (sequence-number de-duplication).</summary>
public interface IRollupStore
{
    /// <summary>Counts each group's events into its minute row. Throws when storage fails; a retry with the same groups is harmless.</summary>
    Task<RollupWriteResult> ApplyAsync(IReadOnlyList<RollupGroup> groups, CancellationToken cancellationToken);

    /// <summary>The stored minutes of one server in [from, to), in time order.</summary>
    IAsyncEnumerable<MinuteRollup> ReadAsync(string serverId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
