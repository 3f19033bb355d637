namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>Settings of the local trigger host.</summary>
public sealed class TriggerHostOptions
{
    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:7071/</c>. Required.</summary>
    public Uri? AppBaseUrl { get; set; }

    /// <summary>
    /// The folder of <c>&lt;Function&gt;/function.json</c> files. Required. When <see cref="AppPath"/> is set, the app
    /// writes it first (<c>emit-function-json</c>).
    /// </summary>
    public string? FunctionsDirectory { get; set; }

    /// <summary>The app's executable or <c>.dll</c>, asked for its function.json files. Optional.</summary>
    public string? AppPath { get; set; }

    /// <summary>The app settings, for <c>%Setting%</c> placeholders (environment variables are the fallback).</summary>
    public Dictionary<string, string?> Settings { get; set; } = [];

    /// <summary>host.json, read for <c>extensions.eventHubs.maxEventBatchSize</c>. Optional.</summary>
    public string? HostJsonPath { get; set; }

    /// <summary>Batch size when host.json does not give one. Default 100 (the Event Hubs extension's default).</summary>
    public int DefaultMaxBatchSize { get; set; } = 100;

    /// <summary>The emulated event hub.</summary>
    public EmulatedEventHubOptions EventHub { get; set; } = new();

    /// <summary>Timeout of one invocation (the host's functionTimeout), wall time. Default 10 minutes.</summary>
    public TimeSpan InvocationTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long to wait for the app to answer <c>GET /</c> at start (the host's readiness poll). Default 60 s; zero skips the wait.</summary>
    public TimeSpan AppReadyTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Storage for the development durable backend, started only when the app declares Durable functions.</summary>
    public string? DurableConnectionString { get; set; }

    /// <summary>The development backend's task hub. Default <c>PmSandboxHub</c>.</summary>
    public string DurableTaskHub { get; set; } = "PmSandboxHub";

    /// <summary>How often the durable backend polls its queues (real time); null keeps the backend's default (500 ms).</summary>
    public TimeSpan? DurablePollInterval { get; set; }

    /// <summary>
    /// Called after every invocation of a triggered function with its name and outcome (the body holds the app's
    /// <c>Logs</c>, which the real host writes to its log): how a sandbox follows what the timers did.
    /// </summary>
    public Action<string, InvocationOutcome>? OnInvocation { get; set; }

    /// <summary>Checks the settings; the message names the setting.</summary>
    public void Validate()
    {
        if (AppBaseUrl is null || !AppBaseUrl.IsAbsoluteUri || (AppBaseUrl.Scheme != Uri.UriSchemeHttp && AppBaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"TriggerHost:AppBaseUrl must be an absolute http(s) URL (was '{AppBaseUrl}').");
        }

        if (string.IsNullOrWhiteSpace(FunctionsDirectory))
        {
            throw new InvalidOperationException("TriggerHost:FunctionsDirectory must be set.");
        }

        if (DefaultMaxBatchSize is < 1 or > 10_000)
        {
            throw new InvalidOperationException($"TriggerHost:DefaultMaxBatchSize must be 1 to 10000 (was {DefaultMaxBatchSize}).");
        }

        if (InvocationTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"TriggerHost:InvocationTimeout must be positive (was {InvocationTimeout}).");
        }

        EventHub.Validate();
    }
}
