namespace PredictiveMigration.Agent.Configuration;

/// <summary>Where the agent sends its batches.</summary>
public enum SinkMode
{
    /// <summary>POST to the HTTP ingestion endpoint (local runs, the sandbox).</summary>
    Http,

    /// <summary>POST to the Event Hubs REST API.</summary>
    EventHubs,
}
