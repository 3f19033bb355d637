namespace PredictiveMigration.Durable.Tests.Conformance.Orchestrators;

/// <summary>README "Fail": throws InvalidOperationException("boom") at once.</summary>
internal sealed class FailOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        throw new InvalidOperationException("boom");
}
