using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Functions.Alerts;

/// <summary>
/// The migration store as the app's activities and routes see it: a status change to running, completed, rolled back
/// or failed publishes its alert (<see cref="MigrationAlertPolicy"/>) <em>before</em> the change is written. A crash
/// in between replays the activity, which publishes the same alert again (same id: delivered once); once the change is
/// written, a replay finds the status unchanged and publishes nothing. A failed publish is logged and does not stop
/// the migration. Reads and other writes go straight to the inner store.
/// </summary>
public sealed class AlertingMigrationStore(
    IMigrationStore inner,
    IAlertPublisher publisher,
    AlertPublishingOptions options,
    ILogger<AlertingMigrationStore> logger) : IMigrationStore
{
    public async Task<bool> CreateAsync(MigrationDecision decision, MigrationStatus status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (options.PublishMigrations && MigrationAlertPolicy.KindOf(status) is not null)
        {
            var existing = await inner.GetAsync(decision.MigrationId, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                await PublishAsync(MigrationAlertPolicy.Decide(null, decision, status, at, null, null, options.MigrationLink(decision.MigrationId)), cancellationToken).ConfigureAwait(false);
            }
        }

        return await inner.CreateAsync(decision, status, at, cancellationToken).ConfigureAwait(false);
    }

    public Task<MigrationRecord?> GetAsync(string migrationId, CancellationToken cancellationToken) => inner.GetAsync(migrationId, cancellationToken);

    public Task<IReadOnlyList<MigrationRecord>> ListAsync(bool activeOnly, CancellationToken cancellationToken) => inner.ListAsync(activeOnly, cancellationToken);

    public async Task RecordAsync(MigrationProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (options.PublishMigrations && MigrationAlertPolicy.KindOf(progress.Status) is not null)
        {
            var previous = await inner.GetAsync(progress.MigrationId, cancellationToken).ConfigureAwait(false);
            if (previous is not null)
            {
                var alert = MigrationAlertPolicy.Decide(previous, null, progress.Status, progress.Entry.At, progress.Outcome, progress.Entry, options.MigrationLink(progress.MigrationId));
                await PublishAsync(alert, cancellationToken).ConfigureAwait(false);
            }
        }

        await inner.RecordAsync(progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task PublishAsync(Alert? alert, CancellationToken cancellationToken)
    {
        if (alert is null)
        {
            return;
        }

        try
        {
            var result = await publisher.PublishAsync(alert, cancellationToken).ConfigureAwait(false);
            Logs.MigrationAlertPublished(logger, alert.Id, alert.Kind, alert.MigrationId, result.Outcome);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.AlertPublishFailed(logger, ex, alert.Id);
        }
    }
}
