namespace PredictiveMigration.Sandbox.Fleet;

/// <summary>The shape of a simulated server's workload. Every kind has daily and weekly seasonality and noise.</summary>
public enum WorkloadKind
{
    /// <summary>Seasonality and noise only.</summary>
    Steady,

    /// <summary>A CPU trend that reaches saturation at its peak hour within a few days.</summary>
    Growing,

    /// <summary>A slow memory leak that exhausts memory within a few days; the server then fails (out of memory) and restarts.</summary>
    Leaking,

    /// <summary>Short bursts (half-hour windows) that push CPU towards saturation.</summary>
    Bursty,

    /// <summary>A failure at a seeded time, preceded by rising error counts and latency drift.</summary>
    Failing,

    /// <summary>A replayed CSV trace (<c>--trace-dir</c>).</summary>
    Trace,
}
