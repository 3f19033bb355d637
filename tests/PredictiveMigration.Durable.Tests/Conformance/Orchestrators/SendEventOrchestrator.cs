namespace PredictiveMigration.Durable.Tests.Conformance.Orchestrators;

/// <summary>README "SendEvent": send "ping" to "other-instance", return "sent".</summary>
internal sealed class SendEventOrchestrator : TaskOrchestrator<string?, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        context.SendEvent("other-instance", "ping", input ?? string.Empty);
        return Task.FromResult("sent");
    }
}
