namespace PredictiveMigration.Durable.Replay;

/// <summary>The kinds of scheduling action that take a sequence number and are recorded in history.</summary>
internal enum ScheduledKind
{
    Activity,
    Timer,
    SubOrchestration,
    Event,
}
