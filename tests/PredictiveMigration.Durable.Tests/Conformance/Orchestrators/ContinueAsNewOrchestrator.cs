namespace PredictiveMigration.Durable.Tests.Conformance.Orchestrators;

/// <summary>README "ContinueAsNew": continue as new with n + 1 while n &lt; 2, then return n.</summary>
internal sealed class ContinueAsNewOrchestrator : TaskOrchestrator<int, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        if (input < 2)
        {
            context.ContinueAsNew(input + 1);
        }

        return Task.FromResult(input);
    }
}
