namespace PredictiveMigration.Durable.Routes;

/// <summary>An activity's result as the orchestration sees it: its output JSON, or a failure.</summary>
/// <param name="OutputJson">The JSON text of the output (<see langword="null"/> for none); meaningless on failure.</param>
/// <param name="Failure">The failure, or <see langword="null"/> on success.</param>
public readonly record struct ActivityOutcome(string? OutputJson, TaskFailureInfo? Failure)
{
    /// <summary>Whether the activity succeeded.</summary>
    public bool Succeeded => Failure is null;
}
