namespace PredictiveMigration.Domain.Migrations;

/// <summary>The steps of a migration, in order (issue 6). <see cref="Compensation"/> covers the undo phase.</summary>
public enum MigrationStep
{
    Approval = 0,
    Reserve = 1,
    Provision = 2,
    Replicate = 3,
    ShiftTraffic = 4,
    CutOver = 5,
    Decommission = 6,
    Release = 7,
    Compensation = 8,
    Done = 9,
}
