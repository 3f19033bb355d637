namespace PredictiveMigration.Agent.Configuration;

/// <summary>The <c>Agent:Probes</c> section: optional probes whose results ride along with each sample.</summary>
public sealed class ProbeOptions
{
    /// <summary>When set, every sample GETs this URL and reports the latency (probeLatencyMs) and failures (errorCount).</summary>
    public string? HttpUrl { get; set; }

    /// <summary>How long the HTTP probe waits before counting a failure. Default 5 s.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>When set, every sample runs this with <c>/bin/sh -c</c> and reports its standard output as queueLength.</summary>
    public string? QueueLengthCommand { get; set; }

    /// <summary>How long the queue-length command may run before it is killed. Default 5 s.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
