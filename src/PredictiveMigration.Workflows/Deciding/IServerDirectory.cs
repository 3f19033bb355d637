namespace PredictiveMigration.Workflows.Deciding;

/// <summary>The servers the product may move, with their source and placement facts.</summary>
public interface IServerDirectory
{
    /// <summary>The server, or null when it is unknown.</summary>
    Task<ServerProfile?> GetAsync(string serverId, CancellationToken cancellationToken);

    /// <summary>Every server in a region (for a recovery plan).</summary>
    Task<IReadOnlyList<ServerProfile>> ListInRegionAsync(string region, CancellationToken cancellationToken);
}
