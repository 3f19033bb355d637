using System.Globalization;
using System.Text;
using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>
/// The custom status of <see cref="ConnectorScalingOrchestrator"/>: the phase (<c>planning</c>, <c>applying</c>,
/// <c>waiting</c>), the round, a one-line summary, the plan's actions with how many were applied, what failed, each
/// region's need and the bottlenecks found (at most <see cref="MaxBottlenecks"/>).
/// </summary>
public sealed record ConnectorScalingStatus(
    string Phase,
    int Round,
    DateTimeOffset? PlannedAt,
    DateTimeOffset? NextRunAt,
    string Summary,
    int Actions,
    int Applied,
    IReadOnlyList<FailedConnectorAction> Failed,
    IReadOnlyList<RegionNeed> Regions,
    IReadOnlyList<Bottleneck> Bottlenecks,
    IReadOnlyList<string> Warnings)
{
    public const int MaxBottlenecks = 20;

    public static ConnectorScalingStatus Of(string phase, int round, DateTimeOffset plannedAt, DateTimeOffset? nextRunAt, ConnectorRound? planned, int applied, IReadOnlyList<FailedConnectorAction> failed, string? error)
    {
        var plan = planned?.Plan;
        return new ConnectorScalingStatus(
            phase,
            round,
            plannedAt,
            nextRunAt,
            Summarise(round, planned, applied, failed, error),
            plan?.Actions.Count ?? 0,
            applied,
            failed,
            plan?.Regions ?? [],
            plan is null ? [] : [.. plan.Bottlenecks.Take(MaxBottlenecks)],
            planned?.Warnings ?? []);
    }

    /// <summary>"round 3: 2 action(s) (1 provision, 1 scaleUp), 2 applied, 0 failed; 1 bottleneck(s) (1 lateCapacity); westeurope: 1 active, 1 warm, need 3 (peak 3)".</summary>
    public static string Summarise(int round, ConnectorRound? planned, int applied, IReadOnlyList<FailedConnectorAction> failed, string? error)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"round {round}: ");
        if (planned is null)
        {
            text.Append(CultureInfo.InvariantCulture, $"planning failed: {error ?? "unknown"}");
            return text.ToString();
        }

        var plan = planned.Plan;
        text.Append(CultureInfo.InvariantCulture, $"{plan.Actions.Count} action(s)");
        if (plan.Actions.Count > 0)
        {
            text.Append(" (").AppendJoin(", ", plan.Actions.GroupBy(a => a.Kind).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {Camel(g.Key.ToString())}"))).Append(')');
        }

        text.Append(CultureInfo.InvariantCulture, $", {applied} applied, {failed.Count} failed; {plan.Bottlenecks.Count} bottleneck(s)");
        if (plan.Bottlenecks.Count > 0)
        {
            text.Append(" (").AppendJoin(", ", plan.Bottlenecks.GroupBy(b => b.Kind).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {Camel(g.Key.ToString())}"))).Append(')');
        }

        foreach (var r in plan.Regions)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {r.Region}: {r.Active} active, {r.Warm} warm, need {r.NeedProvisioned} (peak {r.PeakNeed})");
        }

        return text.ToString();
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
