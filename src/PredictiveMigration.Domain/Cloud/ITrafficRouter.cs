namespace PredictiveMigration.Domain.Cloud;

/// <summary>
/// Weighted traffic routing between a source and its targets (Traffic Manager in Azure, ADR 0004). Setting the
/// weights is idempotent: the same call twice leaves the same profile.
/// </summary>
public interface ITrafficRouter
{
    Task<CloudResult<IReadOnlyList<WeightedEndpoint>>> SetWeightsAsync(string resourceGroup, string profile, IReadOnlyList<WeightedEndpoint> endpoints, CancellationToken cancellationToken);

    /// <summary>The profile's endpoints, or an empty list when the profile does not exist.</summary>
    Task<CloudResult<IReadOnlyList<WeightedEndpoint>>> GetWeightsAsync(string resourceGroup, string profile, CancellationToken cancellationToken);
}
