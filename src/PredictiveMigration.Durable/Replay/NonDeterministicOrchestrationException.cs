namespace PredictiveMigration.Durable.Replay;

/// <summary>
/// The orchestrator code no longer matches its recorded history (for example it schedules a different activity
/// at a sequence number). The orchestration fails with this message.
/// </summary>
internal sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>
    /// The <c>errorType</c> reported in failure details. We report DurableTask.Core's type name, not ours, so that
    /// tooling which recognises non-determinism failures keeps working; the golden vector
    /// Chain.nondeterminism.ep2 pins it.
    /// </summary>
    public const string ErrorType = "DurableTask.Core.Exceptions.NonDeterministicOrchestrationException";

    // The wording copies DurableTask.Core's (including the two spaces before "Was"); the vector pins the
    // activity-name case exactly, and the other cases follow the same sentence shape.
    private const string Prefix = "Non-Deterministic workflow detected: ";
    private const string Suffix = "  Was a change made to the orchestrator code after this instance had already started running?";

    public NonDeterministicOrchestrationException()
    {
    }

    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static NonDeterministicOrchestrationException Mismatch(
        int sequenceNumber, ScheduledKind recordedKind, string recordedName, ScheduledKind currentKind, string currentName) =>
        new(Prefix
            + $"A previous execution of this orchestration scheduled {Describe(recordedKind)} with sequence number {sequenceNumber}{Named(recordedName)}, "
            + $"but the current orchestration replay instead scheduled {Describe(currentKind)}{Named(currentName)} with this sequence number."
            + Suffix);

    public static NonDeterministicOrchestrationException Missing(int sequenceNumber, ScheduledKind recordedKind, string recordedName) =>
        new(Prefix
            + $"A previous execution of this orchestration scheduled {Describe(recordedKind)} with sequence number {sequenceNumber}{Named(recordedName)}, "
            + "but the current orchestration replay did not schedule anything with this sequence number."
            + Suffix);

    private static string Describe(ScheduledKind kind) => kind switch
    {
        ScheduledKind.Activity => "an activity task",
        ScheduledKind.Timer => "a durable timer",
        ScheduledKind.SubOrchestration => "a sub-orchestration",
        ScheduledKind.Event => "an outgoing event",
        _ => "an action",
    };

    private static string Named(string name) => string.IsNullOrEmpty(name) ? string.Empty : $" named '{name}'";
}
