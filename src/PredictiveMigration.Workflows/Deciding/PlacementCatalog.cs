using PredictiveMigration.Domain.Placement;

namespace PredictiveMigration.Workflows.Deciding;

/// <summary>Where workloads can go now: new-VM targets (size × region with price and capacity) and the regional vCPU quota left.</summary>
public sealed record PlacementCatalog(IReadOnlyList<PlacementTarget> Targets, IReadOnlyDictionary<string, double>? RegionCoreQuota);
