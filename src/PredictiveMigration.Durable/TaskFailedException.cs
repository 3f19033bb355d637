namespace PredictiveMigration.Durable;

/// <summary>
/// Thrown into orchestrator code when an activity or a sub-orchestration failed. <see cref="FailureDetails"/>
/// carries the original failure's type and message.
/// </summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="taskName">The activity or orchestrator name.</param>
    /// <param name="taskId">The task's sequence number.</param>
    /// <param name="failureDetails">The original failure.</param>
    public TaskFailedException(string taskName, int taskId, TaskFailureInfo failureDetails)
        : base(FormatMessage(taskName, taskId, failureDetails))
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The activity or orchestrator name.</summary>
    public string TaskName { get; }

    /// <summary>The task's sequence number in the orchestration.</summary>
    public int TaskId { get; }

    /// <summary>The original failure (type, message, stack trace, cause).</summary>
    public TaskFailureInfo FailureDetails { get; }

    // Microsoft's wording (Microsoft.DurableTask.TaskFailedException), copied so that messages read the same in
    // both worlds; the golden vector ActivityFail.ep2 checks it.
    private static string FormatMessage(string taskName, int taskId, TaskFailureInfo failureDetails) =>
        $"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}";
}
