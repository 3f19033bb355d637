namespace PredictiveMigration.Workflows.Connectors;

/// <summary>
/// What one round of <see cref="ConnectorScalingOrchestrator"/> hands the next through continue-as-new: kept small
/// (the plan itself is re-made from the stores every round).
/// </summary>
/// <param name="Round">Rounds completed.</param>
/// <param name="Interval">Wait between rounds (from the last plan; the first round uses this).</param>
/// <param name="LastPlanAt">When the last round planned.</param>
/// <param name="Failures">The last round's failed or skipped actions (at most <see cref="MaxFailures"/>).</param>
/// <param name="AppliedTotal">Actions applied over all rounds.</param>
/// <param name="FailedTotal">Actions failed or skipped over all rounds.</param>
/// <param name="PlanFailures">Consecutive rounds whose planning failed.</param>
/// <param name="LastError">Why the last planning failed, or null.</param>
public sealed record ConnectorScalingState(
    int Round,
    TimeSpan Interval,
    DateTimeOffset? LastPlanAt,
    IReadOnlyList<FailedConnectorAction> Failures,
    long AppliedTotal,
    long FailedTotal,
    int PlanFailures,
    string? LastError)
{
    /// <summary>Failures carried to the next round at most.</summary>
    public const int MaxFailures = 20;

    /// <summary>The state of a fresh start.</summary>
    public static ConnectorScalingState Initial { get; } = new(0, TimeSpan.FromMinutes(5), null, [], 0, 0, 0, null);

    /// <summary>A usable state: a missing list is empty, an interval outside 1 s-1 day falls back to 5 minutes.</summary>
    public ConnectorScalingState Normalised() => this with
    {
        Failures = Failures ?? [],
        Interval = Interval >= TimeSpan.FromSeconds(1) && Interval <= TimeSpan.FromDays(1) ? Interval : TimeSpan.FromMinutes(5),
    };
}
