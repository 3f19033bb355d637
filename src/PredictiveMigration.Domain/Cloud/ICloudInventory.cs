namespace PredictiveMigration.Domain.Cloud;

/// <summary>What the cloud offers: regions, the VM sizes of a region, and the regional vCPU quota.</summary>
public interface ICloudInventory
{
    Task<CloudResult<IReadOnlyList<string>>> ListRegionsAsync(CancellationToken cancellationToken);

    Task<CloudResult<IReadOnlyList<SizeInfo>>> ListSizesAsync(string region, CancellationToken cancellationToken);

    Task<CloudResult<RegionQuota>> GetCoreQuotaAsync(string region, CancellationToken cancellationToken);
}
