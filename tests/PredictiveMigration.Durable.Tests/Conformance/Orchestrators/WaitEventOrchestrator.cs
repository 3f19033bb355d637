namespace PredictiveMigration.Durable.Tests.Conformance.Orchestrators;

/// <summary>README "WaitEvent": custom status "waiting", then return the payload of event "go".</summary>
internal sealed class WaitEventOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        context.SetCustomStatus("waiting");
        return await context.WaitForExternalEvent<string>("go");
    }
}
