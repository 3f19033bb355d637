namespace PredictiveMigration.Durable;

/// <summary>What an activity knows about its invocation.</summary>
/// <param name="Name">The activity name the orchestrator scheduled.</param>
/// <param name="InstanceId">The orchestration instance that scheduled it (empty when the host did not say).</param>
public sealed record TaskActivityContext(string Name, string InstanceId);
