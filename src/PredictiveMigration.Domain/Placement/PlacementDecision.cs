namespace PredictiveMigration.Domain.Placement;

/// <summary>
/// Where a server goes and why: the targets (one, or several for a split), the cost and its change per month against
/// what the server costs now, the best alternatives considered, and a sentence an operator can read.
/// </summary>
public sealed record PlacementDecision(
    string ServerId,
    PlacementStrategy Strategy,
    IReadOnlyList<PlacementTarget> Targets,
    double MonthlyCost,
    double CostDeltaPerMonth,
    IReadOnlyList<string> Alternatives,
    string Explanation);
