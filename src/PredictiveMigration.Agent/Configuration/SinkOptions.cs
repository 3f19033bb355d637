namespace PredictiveMigration.Agent.Configuration;

/// <summary>The <c>Agent:Sink</c> section.</summary>
public sealed class SinkOptions
{
    public SinkMode Mode { get; set; } = SinkMode.Http;

    /// <summary>How long one send request may take before it counts as a transient failure. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public HttpSinkOptions Http { get; set; } = new();

    public EventHubsSinkOptions EventHubs { get; set; } = new();
}
