using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Resources;
using PredictiveMigration.Domain.Cloud;

namespace PredictiveMigration.Azure.Arm;

/// <summary><see cref="ICloudInventory"/> over the subscription's locations and Compute's vmSizes and usages.</summary>
public sealed class ArmInventory(ArmClient arm, string subscriptionId) : ICloudInventory
{
    private SubscriptionResource Subscription => arm.GetSubscriptionResource(SubscriptionResource.CreateResourceIdentifier(subscriptionId));

    public async Task<CloudResult<IReadOnlyList<string>>> ListRegionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var regions = new List<string>();
            await foreach (var location in Subscription.GetLocationsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                regions.Add(location.Name);
            }

            return CloudResult<IReadOnlyList<string>>.Ok(regions);
        }
        catch (RequestFailedException ex)
        {
            return CloudResult<IReadOnlyList<string>>.Fail(ArmFailures.From(ex));
        }
    }

    public async Task<CloudResult<IReadOnlyList<SizeInfo>>> ListSizesAsync(string region, CancellationToken cancellationToken)
    {
        try
        {
            var sizes = new List<SizeInfo>();
            await foreach (var size in Subscription.GetVirtualMachineSizesAsync(new AzureLocation(region), cancellationToken).ConfigureAwait(false))
            {
                sizes.Add(new SizeInfo(size.Name, size.NumberOfCores ?? 0, (size.MemoryInMB ?? 0) / 1024.0));
            }

            return CloudResult<IReadOnlyList<SizeInfo>>.Ok(sizes);
        }
        catch (RequestFailedException ex)
        {
            return CloudResult<IReadOnlyList<SizeInfo>>.Fail(ArmFailures.From(ex));
        }
    }

    public async Task<CloudResult<RegionQuota>> GetCoreQuotaAsync(string region, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var usage in Subscription.GetUsagesAsync(new AzureLocation(region), cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(usage.Name.Value, "cores", StringComparison.OrdinalIgnoreCase))
                {
                    return CloudResult<RegionQuota>.Ok(new RegionQuota(region, usage.CurrentValue, usage.Limit));
                }
            }

            return CloudResult<RegionQuota>.Fail(new CloudFailure("QuotaNotReported", $"no 'cores' usage reported for {region}", 404, null, Transient: false));
        }
        catch (RequestFailedException ex)
        {
            return CloudResult<RegionQuota>.Fail(ArmFailures.From(ex));
        }
    }
}
