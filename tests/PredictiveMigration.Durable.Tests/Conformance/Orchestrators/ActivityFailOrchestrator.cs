namespace PredictiveMigration.Durable.Tests.Conformance.Orchestrators;

/// <summary>README "ActivityFail": the failure of activity "Risky" is not caught.</summary>
internal sealed class ActivityFailOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<string>("Risky", input);
}
