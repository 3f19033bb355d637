namespace PredictiveMigration.Durable.Replay;

/// <summary>A scheduled activity, timer or sub-orchestration whose completion has not arrived yet.</summary>
/// <remarks>
/// The completion source runs continuations synchronously on purpose: orchestrator code resumes inline, on the
/// executor's thread, while the history event that completed it is being processed (as in DurableTask.Core).
/// </remarks>
internal sealed class OpenTask(int id, ScheduledKind kind, string name)
{
    public int Id { get; } = id;

    public ScheduledKind Kind { get; } = kind;

    public string Name { get; } = name;

    public TaskCompletionSource<string?> Completion { get; } = new();
}
