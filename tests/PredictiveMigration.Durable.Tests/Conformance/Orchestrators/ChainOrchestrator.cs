namespace PredictiveMigration.Durable.Tests.Conformance.Orchestrators;

/// <summary>README "Chain": activity A → activity B → 10 s timer → return B's result.</summary>
internal sealed class ChainOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        string a = await context.CallActivityAsync<string>("A", input);
        string b = await context.CallActivityAsync<string>("B", a);
        await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(10), CancellationToken.None);
        return b;
    }
}
