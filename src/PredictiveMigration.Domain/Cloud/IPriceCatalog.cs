namespace PredictiveMigration.Domain.Cloud;

/// <summary>VM prices (the Azure Retail Prices API in production, the sandbox's copy of its shape locally).</summary>
public interface IPriceCatalog
{
    /// <summary>Consumption (pay-as-you-go) VM prices of a region.</summary>
    Task<CloudResult<IReadOnlyList<VmPrice>>> GetVmPricesAsync(string region, CancellationToken cancellationToken);
}
