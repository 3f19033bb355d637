namespace PredictiveMigration.Agent.Configuration;

/// <summary>The <c>Agent:Sink:Http</c> section.</summary>
public sealed class HttpSinkOptions
{
    /// <summary>The ingestion endpoint, e.g. <c>http://localhost:7071/api/metrics</c>.</summary>
    public string? Url { get; set; }

    /// <summary>Sent as the <c>x-functions-key</c> header when set.</summary>
    public string? ApiKey { get; set; }
}
