using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>Turns what a migration's replication did into the observation the transfer-rate model learns from.</summary>
public static class MigrationObservations
{
    /// <summary>
    /// The observation of a migration's initial full copy (cycle 0): the bytes it scanned over its duration, started
    /// <see cref="ReplicationCycle.Duration"/> before <paramref name="completedAt"/>. A failed copy (no cycle result)
    /// is recorded with <paramref name="succeeded"/> false and counts towards the failure rate only.
    /// </summary>
    public static MigrationObservation FromFullCopy(MigrationDecision decision, ReplicationCycle cycle, DateTimeOffset completedAt, bool succeeded = true)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return FromFullCopy(decision, [cycle], completedAt, succeeded);
    }

    /// <summary>
    /// The observation of a migration's initial full copy to all its targets (several for a split, copied in
    /// parallel): the source's bytes (the largest <see cref="ReplicationCycle.BytesScanned"/>: each target reads the
    /// whole source) over the slowest copy's <see cref="ReplicationCycle.Duration"/>, which is how the load forecast
    /// counts a migration (one item of the source disk's size). Bytes scanned, not bytes sent: the forecast divides the
    /// disk size by the rate, so the rate is learned in disk bytes per second (compression and de-duplication show up
    /// as a faster rate). Both figures are measured inside the replication activity; <paramref name="completedAt"/> is
    /// the orchestration's (replay-safe) clock when the cycles' results arrived.
    /// </summary>
    public static MigrationObservation FromFullCopy(MigrationDecision decision, IReadOnlyList<ReplicationCycle> cycles, DateTimeOffset completedAt, bool succeeded = true)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(cycles);
        if (cycles.Count == 0)
        {
            throw new ArgumentException("at least one full-copy cycle is needed", nameof(cycles));
        }

        foreach (var cycle in cycles)
        {
            ArgumentNullException.ThrowIfNull(cycle, nameof(cycles));
            if (!cycle.Full)
            {
                throw new ArgumentException($"cycle {cycle.Cycle} of {cycle.MigrationId} is a delta cycle: only the full copy is an observation", nameof(cycles));
            }
        }

        var bytes = cycles.Max(c => c.BytesScanned);
        var duration = cycles.Max(c => c.Duration);
        return new MigrationObservation(decision.MigrationId, decision.Source.Region, completedAt - duration, bytes, duration, succeeded);
    }
}
