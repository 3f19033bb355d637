namespace PredictiveMigration.Domain.Connectors;

/// <summary>The migration load a connector region carries, bucket by bucket.</summary>
public sealed record RegionLoad(string Region, IReadOnlyList<LoadBucket> Buckets);
