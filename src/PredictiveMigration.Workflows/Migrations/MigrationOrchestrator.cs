using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Migrations;

/// <summary>
/// Carries out one <see cref="MigrationDecision"/> (issue 6): approval gate, reserve, provision, replicate, shift
/// traffic, cut over, decommission, release; any failure, rejection or cancellation compensates, in reverse, every
/// step that was started. The instance id should be the migration id. See docs/migrations.md.
/// </summary>
public sealed class MigrationOrchestrator : TaskOrchestrator<MigrationDecision, MigrationOutcome>
{
    /// <summary>The registered name.</summary>
    public const string Name = "MigrationOrchestrator";

    public override Task<MigrationOutcome> RunAsync(TaskOrchestrationContext context, MigrationDecision input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input, nameof(input));
        input.Validate();
        return new MigrationRun(context, input).RunAsync();
    }
}
