using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Workflows.Deciding;

/// <summary>What one pass of the controller did.</summary>
/// <param name="Launched">Decisions recorded and started.</param>
/// <param name="DryRuns">Decisions recorded only (dry run).</param>
/// <param name="Deferred">Candidates left open, with why (a limit, a running migration of the server).</param>
/// <param name="Skipped">Candidates the policy leaves alone or that cannot be placed, with why.</param>
public sealed record ControllerPass(
    IReadOnlyList<MigrationDecision> Launched,
    IReadOnlyList<MigrationDecision> DryRuns,
    IReadOnlyList<(string ServerId, string Reason)> Deferred,
    IReadOnlyList<(string ServerId, string Reason)> Skipped);
