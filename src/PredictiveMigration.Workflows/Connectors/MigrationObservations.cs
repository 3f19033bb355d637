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
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(cycle);
        if (!cycle.Full)
        {
            throw new ArgumentException($"cycle {cycle.Cycle} of {cycle.MigrationId} is a delta cycle: only the full copy is an observation", nameof(cycle));
        }

        return new MigrationObservation(decision.MigrationId, decision.Source.Region, completedAt - cycle.Duration, cycle.BytesScanned, cycle.Duration, succeeded);
    }
}
