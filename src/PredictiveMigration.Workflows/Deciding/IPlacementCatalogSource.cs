namespace PredictiveMigration.Workflows.Deciding;

/// <summary>Builds the placement catalog (from the cloud inventory and the price catalog in production).</summary>
public interface IPlacementCatalogSource
{
    Task<PlacementCatalog> GetAsync(CancellationToken cancellationToken);
}
