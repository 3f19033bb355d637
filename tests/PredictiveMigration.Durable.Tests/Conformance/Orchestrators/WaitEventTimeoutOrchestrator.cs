namespace PredictiveMigration.Durable.Tests.Conformance.Orchestrators;

/// <summary>README "WaitEventTimeout": event "approve" with a 30 s timeout.</summary>
internal sealed class WaitEventTimeoutOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        try
        {
            string value = await context.WaitForExternalEvent<string>("approve", TimeSpan.FromSeconds(30));
            return "approved:" + value;
        }
        catch (TaskCanceledException)
        {
            return "timeout";
        }
    }
}
