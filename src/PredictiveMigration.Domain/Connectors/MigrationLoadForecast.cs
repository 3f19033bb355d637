namespace PredictiveMigration.Domain.Connectors;

/// <summary>The forecast migration load: per connector region, buckets from <see cref="From"/>; and every migration's estimate.</summary>
public sealed record MigrationLoadForecast(
    DateTimeOffset MadeAt,
    DateTimeOffset From,
    TimeSpan BucketSize,
    IReadOnlyList<RegionLoad> Regions,
    IReadOnlyList<MigrationEstimate> Migrations,
    ConnectorSla Sla)
{
    /// <summary>The buckets of a region (empty when it carries nothing).</summary>
    public IReadOnlyList<LoadBucket> BucketsOf(string region) =>
        Regions.FirstOrDefault(r => string.Equals(r.Region, region, StringComparison.OrdinalIgnoreCase))?.Buckets ?? [];
}
