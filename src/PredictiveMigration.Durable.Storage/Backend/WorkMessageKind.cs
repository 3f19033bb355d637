namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>What a queue message asks for.</summary>
internal enum WorkMessageKind
{
    /// <summary>Start an execution: its events are executionStarted (plus carried-over eventRaised events).</summary>
    Start,

    /// <summary>Deliver history events to the orchestrator (completions, timers, external events).</summary>
    Event,

    /// <summary>Terminate the instance with <see cref="WorkMessage.Reason"/>.</summary>
    Terminate,

    /// <summary>Fail the instance with <see cref="WorkMessage.Reason"/> (a poison message somewhere).</summary>
    Fail,

    /// <summary>Run an activity: the one event is its taskScheduled.</summary>
    Activity,
}
