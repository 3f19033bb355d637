namespace PredictiveMigration.Domain.Connectors;

/// <summary>The planner's answer: actions to run (in order), bottlenecks found, and each region's need behind them.</summary>
public sealed record ConnectorPlan(DateTimeOffset At, IReadOnlyList<ConnectorAction> Actions, IReadOnlyList<Bottleneck> Bottlenecks, IReadOnlyList<RegionNeed> Regions)
{
    public bool IsEmpty => Actions.Count == 0;
}
