namespace PredictiveMigration.Sandbox.Cloud;

/// <summary>A long-running operation: InProgress until <see cref="CompletesAt"/>, then its effect is applied once.</summary>
public sealed class CloudOperation
{
    public required string Id { get; init; }

    /// <summary>The resource it acts on (lower-case id).</summary>
    public required string ResourceKey { get; init; }

    /// <summary><c>create</c>, <c>update</c>, <c>delete</c> or an action name (<c>deallocate</c>, <c>start</c>…).</summary>
    public required string Kind { get; init; }

    public required DateTimeOffset CompletesAt { get; init; }

    public bool Applied { get; set; }

    /// <summary>When set, the operation ends Failed with this ARM error code (and <see cref="FailureMessage"/>).</summary>
    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }
}
