namespace PredictiveMigration.Durable.Tests.Conformance.Orchestrators;

/// <summary>README "NewGuid": two deterministic GUIDs, comma-separated.</summary>
internal sealed class NewGuidOrchestrator : TaskOrchestrator<string?, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string? input) =>
        Task.FromResult(context.NewGuid() + "," + context.NewGuid());
}
