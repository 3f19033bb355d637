using System.Globalization;
using PredictiveMigration.Domain.Alerts;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Functions.Alerts;

/// <summary>
/// Decides which migration status changes alert: a change <em>to</em> <see cref="MigrationStatus.Running"/> (started),
/// <see cref="MigrationStatus.Completed"/>, <see cref="MigrationStatus.RolledBack"/> or <see cref="MigrationStatus.Failed"/>,
/// once: recording a status the migration already has (a replayed activity, another step of a running migration)
/// does not alert. Ids and dedup keys are per migration and kind (<see cref="Alert.Migration"/>).
/// </summary>
public static class MigrationAlertPolicy
{
    /// <summary>The alert kind of a status, or null for statuses that do not alert (scheduled, awaiting approval, rolling back, rejected, cancelled, dry run).</summary>
    public static AlertKind? KindOf(MigrationStatus status) => status switch
    {
        MigrationStatus.Running => AlertKind.MigrationStarted,
        MigrationStatus.Completed => AlertKind.MigrationCompleted,
        MigrationStatus.RolledBack => AlertKind.MigrationRolledBack,
        MigrationStatus.Failed => AlertKind.MigrationFailed,
        _ => null,
    };

    /// <summary>
    /// The alert for a migration whose status is being set to <paramref name="status"/>, or null when it does not call for one.
    /// </summary>
    /// <param name="previous">The migration as stored before the change; null when it does not exist yet (it is being created).</param>
    /// <param name="decision">The decision, when the caller has it (creation); otherwise the previous record's is used.</param>
    /// <param name="status">The status from now on.</param>
    /// <param name="at">When the change happened.</param>
    /// <param name="outcome">The rollback or failure reason, when there is one.</param>
    /// <param name="entry">The timeline entry that comes with the change, if any.</param>
    /// <param name="link">The migration's dashboard page, if known.</param>
    public static Alert? Decide(MigrationRecord? previous, MigrationDecision? decision, MigrationStatus status, DateTimeOffset at, string? outcome, MigrationStepEntry? entry, Uri? link)
    {
        if (KindOf(status) is not { } kind || (previous is not null && previous.Status == status))
        {
            return null;
        }

        var d = previous?.Decision ?? decision;
        if (d is null)
        {
            return null;
        }

        var reason = string.IsNullOrWhiteSpace(outcome) ? previous?.Outcome : outcome;
        var targets = string.Join(", ", d.Targets.Select(t => $"{t.VmName} ({(t.Phases.Count == 0 ? "?" : t.Phases[0].Size)}) in {t.Region}"));
        var facts = new List<AlertFact>
        {
            new("Strategy", d.Strategy.ToString()),
            new("Source", $"{d.Source.VmName} ({d.Source.Size}) in {d.Source.Region}"),
            new(d.Targets.Count == 1 ? "Target" : "Targets", Clip(targets)),
            new("Risk score", d.RiskScore.ToString(CultureInfo.InvariantCulture)),
        };
        if (d.Deadline is { } deadline)
        {
            facts.Add(new("Predicted exhaustion", Stamp(deadline)));
        }

        string detail;
        switch (kind)
        {
            case AlertKind.MigrationStarted:
                facts.Add(new("Why", Clip(d.Reason)));
                detail = $"Moving {d.ServerId} from {d.Source.Size} in {d.Source.Region} to {targets} ({d.Strategy}). Why: {d.Reason}";
                break;
            case AlertKind.MigrationCompleted:
                var took = previous is null ? null : HighRiskAlertPolicy.Duration(at - previous.CreatedAt);
                if (took is not null)
                {
                    facts.Add(new("Took", took));
                }

                detail = $"{d.ServerId} now runs on {targets}{(took is null ? "" : $", {took} after the decision")}.";
                break;
            case AlertKind.MigrationRolledBack:
                facts.Add(new("Rollback reason", Clip(reason ?? "not recorded")));
                detail = $"Rolled back: {reason ?? "no reason recorded"}. Traffic is back on {d.Source.VmName}; the target was removed.";
                break;
            default:
                facts.Add(new("Failure", Clip(reason ?? "not recorded")));
                detail = $"{reason ?? "The migration failed"}. An operator must check {d.ServerId} and what is left of {targets}.";
                break;
        }

        if (entry is not null)
        {
            facts.Add(new("Step", $"{entry.Step} {entry.State.ToString().ToLowerInvariant()}"));
            if (!string.IsNullOrWhiteSpace(entry.Detail) && !string.Equals(entry.Detail, reason, StringComparison.Ordinal))
            {
                facts.Add(new("Detail", Clip(entry.Detail)));
            }
        }

        return Alert.Migration(kind, d.MigrationId, d.ServerId, at, detail, facts, link);
    }

    private static string Clip(string value) => value.Length <= Alert.MaxFactValueLength ? value : value[..(Alert.MaxFactValueLength - 1)] + "…";

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
