namespace PredictiveMigration.Agent.Sending;

/// <summary>Supplies the Authorization header of Event Hubs REST requests.</summary>
public interface IEventHubsAuthorization
{
    /// <summary>"SAS" or "Entra ID", for the log.</summary>
    string Kind { get; }

    /// <summary>The header value, or null when no credential could be had (the reason is logged).</summary>
    ValueTask<string?> GetHeaderValueAsync(CancellationToken cancellationToken);
}
