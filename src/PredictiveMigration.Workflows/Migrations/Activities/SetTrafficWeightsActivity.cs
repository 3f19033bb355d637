using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>Sets the profile's endpoints and weights for a traffic step (idempotent: the same call leaves the same profile).</summary>
public sealed class SetTrafficWeightsActivity(ITrafficRouter router) : TaskActivity<TrafficChange, StepResult<int>>
{
    public override async Task<StepResult<int>> RunAsync(TaskActivityContext context, TrafficChange input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var set = await router.SetWeightsAsync(input.ResourceGroup, input.Profile, input.Endpoints, cancellationToken).ConfigureAwait(false);
        return set.IsSuccess ? StepResult<int>.Success(input.TargetPercent) : StepResult<int>.Fail(set.Failure!);
    }
}
