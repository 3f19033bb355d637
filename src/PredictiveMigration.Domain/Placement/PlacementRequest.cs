namespace PredictiveMigration.Domain.Placement;

/// <summary>
/// One server to place: its demand (forecast upper bound), where it runs now and at what cost, where its users are
/// and how much latency they tolerate, its SLA tier, and an optional anti-affinity group (no two members on one host).
/// </summary>
public sealed record PlacementRequest(
    string ServerId,
    ResourceDemand Demand,
    string CurrentRegion,
    double CurrentMonthlyCost,
    string UsersRegion,
    double LatencyBudgetMs,
    string SlaTier = "standard",
    string? AntiAffinityGroup = null);
