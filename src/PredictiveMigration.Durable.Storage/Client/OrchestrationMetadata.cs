namespace PredictiveMigration.Durable.Storage.Client;

/// <summary>An orchestration instance's status as a client sees it.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Name">The orchestrator name.</param>
/// <param name="RuntimeStatus">The runtime status.</param>
/// <param name="CreatedAt">When the instance was scheduled.</param>
/// <param name="LastUpdatedAt">When its status last changed.</param>
/// <param name="SerializedInput">The input JSON text (only when asked for inputs and outputs).</param>
/// <param name="SerializedOutput">The output JSON text (only when asked for); for Terminated, the reason.</param>
/// <param name="SerializedCustomStatus">The custom status JSON text (only when asked for).</param>
/// <param name="FailureDetails">Why it failed, for Failed instances.</param>
public sealed record OrchestrationMetadata(
    string InstanceId,
    string Name,
    OrchestrationRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedInput = null,
    string? SerializedOutput = null,
    string? SerializedCustomStatus = null,
    TaskFailureInfo? FailureDetails = null)
{
    /// <summary>Whether the instance has finished: Completed, Failed, Terminated or Canceled.</summary>
    public bool IsCompleted => IsTerminal(RuntimeStatus);

    /// <summary>Whether <paramref name="status"/> is a final status.</summary>
    /// <param name="status">The status.</param>
    public static bool IsTerminal(OrchestrationRuntimeStatus status) => status is OrchestrationRuntimeStatus.Completed
        or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;
}
