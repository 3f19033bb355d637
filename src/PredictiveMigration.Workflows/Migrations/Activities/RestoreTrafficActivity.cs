using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>Compensation of the traffic shift: the profile back to the source endpoint alone.</summary>
public sealed class RestoreTrafficActivity(ITrafficRouter router) : TaskActivity<TrafficChange, StepResult<int>>
{
    public override async Task<StepResult<int>> RunAsync(TaskActivityContext context, TrafficChange input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var set = await router.SetWeightsAsync(input.ResourceGroup, input.Profile, input.Endpoints, cancellationToken).ConfigureAwait(false);
        return set.IsSuccess ? StepResult<int>.Success(0) : StepResult<int>.Fail(set.Failure!);
    }
}
