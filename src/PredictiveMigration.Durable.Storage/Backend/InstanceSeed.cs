namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>A sub-orchestration to create before its start message is sent (every value decided before the commit).</summary>
/// <param name="InstanceId">The child's instance id.</param>
/// <param name="Name">The child orchestrator.</param>
/// <param name="Input">Its input JSON.</param>
/// <param name="ExecutionId">Its first execution id.</param>
/// <param name="ParentInstanceId">The parent instance.</param>
/// <param name="ParentExecutionId">The parent's execution that waits for it.</param>
/// <param name="ParentTaskId">The parent's action id (taskScheduledId of the completion).</param>
internal sealed record InstanceSeed(
    string InstanceId,
    string Name,
    string? Input,
    string ExecutionId,
    string ParentInstanceId,
    string ParentExecutionId,
    int ParentTaskId);
