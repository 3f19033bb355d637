using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>Input of <see cref="RecordMigrationStepActivity"/>: the change, and the decision on the first call (to create the record if the controller did not).</summary>
public sealed record RecordStepInput(MigrationProgress Progress, MigrationDecision? Decision);
