using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>
/// What <see cref="PlanConnectorsActivity"/> returns (and the history keeps, so replays never plan again): the plan,
/// the interval until the next round, and what the plan rested on.
/// </summary>
/// <param name="Plan">The actions, bottlenecks and region needs.</param>
/// <param name="Interval">Wait before the next round (the planner's <see cref="ConnectorPlanOptions.PlanInterval"/>).</param>
/// <param name="LoadItems">Scheduled, running and predicted migrations forecast.</param>
/// <param name="Observations">Past transfers the rate model learned from.</param>
/// <param name="Warnings">What could not be read (e.g. a region's quota); the plan went ahead without it.</param>
public sealed record ConnectorRound(ConnectorPlan Plan, TimeSpan Interval, int LoadItems, int Observations, IReadOnlyList<string> Warnings);
