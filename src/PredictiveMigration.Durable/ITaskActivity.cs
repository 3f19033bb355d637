namespace PredictiveMigration.Durable;

/// <summary>
/// An activity: ordinary (non-deterministic) code that an orchestrator schedules by name. Activities run at
/// least once; make them idempotent. Derive from <see cref="TaskActivity{TInput, TOutput}"/>.
/// </summary>
public interface ITaskActivity
{
    /// <summary>The type the JSON input is deserialized into.</summary>
    Type InputType { get; }

    /// <summary>The type the result is serialized as.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity.</summary>
    /// <param name="context">Which activity and which orchestration instance this is.</param>
    /// <param name="input">The deserialized input, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancelled when the host abandons the invocation.</param>
    Task<object?> RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken);
}
