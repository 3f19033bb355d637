using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>Judges the target endpoints over the bake window against the SLA; an unhealthy one fails with <c>Unhealthy</c> (not transient).</summary>
public sealed class VerifyEndpointHealthActivity(IEndpointHealth health) : TaskActivity<HealthCheck, StepResult<string>>
{
    public override async Task<StepResult<string>> RunAsync(TaskActivityContext context, HealthCheck input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var details = new List<string>(input.Endpoints.Count);
        foreach (var endpoint in input.Endpoints)
        {
            var sample = await health.SampleAsync(input.Profile, endpoint, input.Window, cancellationToken).ConfigureAwait(false);
            var (healthy, detail) = input.Sla.Judge(sample);
            if (!healthy)
            {
                return StepResult<string>.Fail("Unhealthy", detail);
            }

            details.Add(detail);
        }

        return StepResult<string>.Success(string.Join("; ", details));
    }
}
