namespace PredictiveMigration.Domain.Cloud;

/// <summary>A region's regional vCPU quota: in use and limit.</summary>
public sealed record RegionQuota(string Region, long CoresUsed, long CoresLimit)
{
    public long CoresFree => Math.Max(0, CoresLimit - CoresUsed);
}
