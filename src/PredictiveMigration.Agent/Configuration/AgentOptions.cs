namespace PredictiveMigration.Agent.Configuration;

/// <summary>The <c>Agent</c> configuration section (appsettings.json, <c>Agent__*</c> environment variables, <c>--Agent:*</c> arguments).</summary>
public sealed class AgentOptions
{
    /// <summary>The configuration section bound to this type.</summary>
    public const string SectionName = "Agent";

    /// <summary>The id every event carries. Default: the host name, sanitized to the allowed character set.</summary>
    public string? ServerId { get; set; }

    /// <summary>Time between two samples of /proc. Default 10 s.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time between two sends of the in-memory batch. Default 60 s.</summary>
    public TimeSpan SendInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A batch is sent early when it reaches this many events; also the largest batch sent in one request. Default 500.</summary>
    public int MaxBatchEvents { get; set; } = 500;

    /// <summary>Where unsent batches and the sequence state are kept. Default <c>/var/lib/pm-agent/spool</c>.</summary>
    public string SpoolDirectory { get; set; } = "/var/lib/pm-agent/spool";

    /// <summary>Upper bound of the spool's size on disk; the oldest batches are dropped beyond it. Default 64 MiB.</summary>
    public long MaxSpoolBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The proc file system to read. Default <c>/proc</c>.</summary>
    public string ProcRoot { get; set; } = "/proc";

    /// <summary>Optional application probes.</summary>
    public ProbeOptions Probes { get; set; } = new();

    /// <summary>Where batches go.</summary>
    public SinkOptions Sink { get; set; } = new();
}
