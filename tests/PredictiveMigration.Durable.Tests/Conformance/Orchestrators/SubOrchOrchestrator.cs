namespace PredictiveMigration.Durable.Tests.Conformance.Orchestrators;

/// <summary>README "SubOrch": return the result of sub-orchestration "Child" (no explicit instance id).</summary>
internal sealed class SubOrchOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallSubOrchestratorAsync<string>("Child", input);
}
