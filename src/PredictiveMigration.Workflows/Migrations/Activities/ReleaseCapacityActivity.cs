using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>Releases a reservation by key (absent is fine).</summary>
public sealed class ReleaseCapacityActivity(ICapacityReservations reservations) : TaskActivity<string, StepResult<bool>>
{
    public override async Task<StepResult<bool>> RunAsync(TaskActivityContext context, string input, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        await reservations.ReleaseAsync(input, cancellationToken).ConfigureAwait(false);
        return StepResult<bool>.Success(true);
    }
}
