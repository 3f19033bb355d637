using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>
/// Holds a target's peak vCPUs against the region's quota: fails with <c>QuotaExceeded</c> when what is in use plus
/// what other migrations hold plus this would pass the limit. Idempotent by the reservation key.
/// </summary>
public sealed class ReserveCapacityActivity(ICloudInventory inventory, ICapacityReservations reservations) : TaskActivity<CapacityReservation, StepResult<int>>
{
    public override async Task<StepResult<int>> RunAsync(TaskActivityContext context, CapacityReservation input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var held = await reservations.ListAsync(input.Region, cancellationToken).ConfigureAwait(false);
        if (held.Any(r => string.Equals(r.Key, input.Key, StringComparison.Ordinal)))
        {
            return StepResult<int>.Success(input.Cores);
        }

        var quota = await inventory.GetCoreQuotaAsync(input.Region, cancellationToken).ConfigureAwait(false);
        if (!quota.IsSuccess)
        {
            return StepResult<int>.Fail(quota.Failure!);
        }

        var others = held.Sum(r => (long)r.Cores);
        var q = quota.Value!;
        if (q.CoresUsed + others + input.Cores > q.CoresLimit)
        {
            return StepResult<int>.Fail("QuotaExceeded", FormattableString.Invariant(
                $"{input.Region}: {input.Cores} vCPUs needed, {q.CoresUsed} in use and {others} reserved of {q.CoresLimit}"));
        }

        await reservations.ReserveAsync(input, cancellationToken).ConfigureAwait(false);
        return StepResult<int>.Success(input.Cores);
    }
}
