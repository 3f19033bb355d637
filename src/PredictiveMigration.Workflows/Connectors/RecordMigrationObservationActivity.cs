using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>
/// Records a migration's transfer so the transfer-rate model learns from it (idempotent: the migration id is the key).
/// Build the input with <c>MigrationObservations.FromFullCopy</c>; <c>MigrationOrchestrator</c> calls it once per
/// migration, right after the initial full copy, best effort (a failure is logged and the migration goes on).
/// </summary>
public sealed class RecordMigrationObservationActivity(IConnectorStore store) : TaskActivity<MigrationObservation, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, MigrationObservation input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(input.MigrationId, nameof(input.MigrationId));
        ArgumentException.ThrowIfNullOrWhiteSpace(input.SourceRegion, nameof(input.SourceRegion));
        ArgumentOutOfRangeException.ThrowIfNegative(input.DataBytes, nameof(input.DataBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(input.Duration, TimeSpan.Zero, nameof(input.Duration));
        await store.RecordObservationAsync(input, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
