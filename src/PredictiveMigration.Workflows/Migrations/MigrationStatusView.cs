using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Workflows.Migrations;

/// <summary>
/// The orchestration's custom status, set at every step change: what the dashboard and <c>GET /migrations/{id}</c>
/// show while it runs.
/// </summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Step">The current step.</param>
/// <param name="StepNumber">1-based number of the step among the 8 forward steps (the compensation phase keeps the number of the step that failed).</param>
/// <param name="StepCount">8.</param>
/// <param name="Progress">0-100.</param>
/// <param name="TrafficPercent">Share of traffic on the target(s).</param>
/// <param name="ReplicationCycle">The last replication cycle run, or null.</param>
/// <param name="ReplicationLagSeconds">The lag after it, or null.</param>
/// <param name="Detail">The last thing that happened, in words.</param>
/// <param name="Reason">The failure, rejection or cancellation being handled, or null.</param>
public sealed record MigrationStatusView(
    string MigrationId,
    MigrationStatus Status,
    MigrationStep Step,
    int StepNumber,
    int StepCount,
    int Progress,
    int TrafficPercent,
    int? ReplicationCycle,
    double? ReplicationLagSeconds,
    string Detail,
    string? Reason);
