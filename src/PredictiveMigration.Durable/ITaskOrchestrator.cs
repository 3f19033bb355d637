namespace PredictiveMigration.Durable;

/// <summary>
/// An orchestrator: deterministic code that is replayed from the top on every episode. Derive from
/// <see cref="TaskOrchestrator{TInput, TOutput}"/> rather than implementing this directly.
/// </summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the JSON input is deserialized into.</summary>
    Type InputType { get; }

    /// <summary>The type the result is serialized as.</summary>
    Type OutputType { get; }

    /// <summary>Runs the orchestrator. Only await tasks that come from <paramref name="context"/>.</summary>
    /// <param name="context">The orchestration context: the only source of time, GUIDs, timers and I/O.</param>
    /// <param name="input">The deserialized input, or <see langword="null"/> when the orchestration has none.</param>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
