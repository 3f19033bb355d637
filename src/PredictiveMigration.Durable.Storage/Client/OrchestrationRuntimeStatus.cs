namespace PredictiveMigration.Durable.Storage.Client;

/// <summary>An instance's runtime status. The values equal DurableTask.Core's and the protobuf <c>OrchestrationStatus</c>.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Started and not finished.</summary>
    Running = 0,

    /// <summary>Finished with an output.</summary>
    Completed = 1,

    /// <summary>Restarted with a new input (a transient status).</summary>
    ContinuedAsNew = 2,

    /// <summary>Finished with a failure.</summary>
    Failed = 3,

    /// <summary>Cancelled (not produced by the development backend).</summary>
    Canceled = 4,

    /// <summary>Terminated by a client.</summary>
    Terminated = 5,

    /// <summary>Scheduled, not yet started.</summary>
    Pending = 6,

    /// <summary>Suspended (not produced by the development backend).</summary>
    Suspended = 7,
}
