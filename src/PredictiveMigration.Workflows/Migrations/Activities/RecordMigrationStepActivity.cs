using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>Writes a status change and its timeline entry to the migration store (idempotent by entry sequence).</summary>
public sealed class RecordMigrationStepActivity(IMigrationStore store) : TaskActivity<RecordStepInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RecordStepInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Decision is { } decision)
        {
            await store.CreateAsync(decision, input.Progress.Status, input.Progress.Entry.At, cancellationToken).ConfigureAwait(false);
        }

        await store.RecordAsync(input.Progress, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
