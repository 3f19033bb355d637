namespace PredictiveMigration.Domain.Migrations;

/// <summary>What happened to a step at one point of the timeline.</summary>
public enum MigrationStepState
{
    Started = 0,
    Completed = 1,
    Failed = 2,
    Compensated = 3,
    Skipped = 4,
}
