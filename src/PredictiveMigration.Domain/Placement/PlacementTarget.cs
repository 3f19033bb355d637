namespace PredictiveMigration.Domain.Placement;

/// <summary>
/// Somewhere a workload can go. A <see cref="TargetKind.NewVm"/> target is one VM size in one region, of which
/// <see cref="Count"/> more can be created (regional capacity); an <see cref="TargetKind.ExistingHost"/> is one host
/// whose free <see cref="Capacity"/> is shared. <see cref="MonthlyCost"/> is per VM (new) or per placement (host share).
/// </summary>
public sealed record PlacementTarget(string Id, TargetKind Kind, string Region, string Size, ResourceDemand Capacity, double MonthlyCost, int Count = int.MaxValue, string SlaTier = "standard");
