namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>A server's workload: its demand at a simulated instant. Implementations are pure functions of their inputs.</summary>
public interface IWorkload
{
    WorkloadKind Kind { get; }

    /// <summary>
    /// The demand at <paramref name="time"/> (sample number <paramref name="sample"/>), <paramref name="sinceRestart"/>
    /// after the server last (re)started (a leak grows with it).
    /// </summary>
    WorkloadDemand Demand(DateTimeOffset time, long sample, TimeSpan sinceRestart);

    /// <summary>When the server fails on its own (hardware), or null. Precursors (errors, latency) rise before it.</summary>
    DateTimeOffset? FailureAt { get; }

    /// <summary>How long before <see cref="FailureAt"/> the precursors start.</summary>
    TimeSpan PrecursorLead { get; }
}
