namespace PredictiveMigration.Domain.Migrations;

/// <summary>How a migration moves a workload. Every strategy ends on new VM(s); they differ in where and how many.</summary>
public enum MigrationStrategy
{
    /// <summary>A bigger (or cheaper) VM in the same region.</summary>
    ResizeInPlace = 0,

    /// <summary>One target elsewhere in the same region.</summary>
    Migrate = 1,

    /// <summary>The workload split across several targets; traffic is shared between them.</summary>
    Split = 2,

    /// <summary>One target in another region (disaster recovery, latency).</summary>
    MoveRegion = 3,
}
