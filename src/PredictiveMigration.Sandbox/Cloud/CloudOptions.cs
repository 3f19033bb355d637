namespace PredictiveMigration.Sandbox.Cloud;

/// <summary>Settings of the sandbox cloud.</summary>
public sealed class CloudOptions
{
    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>File holding the cloud's resources, so a restart keeps them. Null: memory only.</summary>
    public string? StatePath { get; set; }

    /// <summary>How long a long-running operation stays InProgress (sandbox clock). Default 200 ms.</summary>
    public TimeSpan OperationDuration { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Sizes, regions, quotas, capacity, prices and latencies.</summary>
    public CloudCatalog Catalog { get; set; } = CloudCatalog.Default();

    /// <summary>Faults active from the start (more can be added through <c>POST /admin/faults</c>).</summary>
    public List<CloudFault> Faults { get; set; } = [];
}
