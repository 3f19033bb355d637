namespace PredictiveMigration.Durable.Replay;

/// <summary>
/// The orchestrator awaited something that is not a durable task (<c>Task.Delay</c>, <c>Task.Run</c>, I/O...).
/// Such a task completes on another thread at a time the history does not record, so replay could never
/// reproduce it; the orchestration fails instead of hanging.
/// </summary>
internal sealed class NonDurableAwaitException : InvalidOperationException
{
    public const string DefaultMessage =
        "The orchestrator awaited a task that does not come from the TaskOrchestrationContext (for example Task.Delay, Task.Run or I/O). "
        + "Orchestrator code may only await durable tasks (activities, timers, external events, sub-orchestrations); "
        + "use CreateTimer instead of Task.Delay and move I/O into an activity.";

    public NonDurableAwaitException()
        : base(DefaultMessage)
    {
    }

    public NonDurableAwaitException(string message)
        : base(message)
    {
    }

    public NonDurableAwaitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
