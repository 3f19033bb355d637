namespace PredictiveMigration.Durable.Tests.Conformance.Orchestrators;

/// <summary>Every orchestrator named in the vectors' README, under the name the vectors use.</summary>
internal static class ConformanceRegistry
{
    public static DurableTaskRegistry Create() => new DurableTaskRegistry()
        .AddOrchestrator<ChainOrchestrator>("Chain")
        .AddOrchestrator<FanOutOrchestrator>("FanOut")
        .AddOrchestrator<WaitEventOrchestrator>("WaitEvent")
        .AddOrchestrator<WaitEventTimeoutOrchestrator>("WaitEventTimeout")
        .AddOrchestrator<SubOrchOrchestrator>("SubOrch")
        .AddOrchestrator<ContinueAsNewOrchestrator>("ContinueAsNew")
        .AddOrchestrator<FailOrchestrator>("Fail")
        .AddOrchestrator<ActivityFailOrchestrator>("ActivityFail")
        .AddOrchestrator<SendEventOrchestrator>("SendEvent")
        .AddOrchestrator<NewGuidOrchestrator>("NewGuid");
}
