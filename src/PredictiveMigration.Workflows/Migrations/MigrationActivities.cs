namespace PredictiveMigration.Workflows.Migrations;

/// <summary>The activity names of the migration workflow (the Functions app maps one route per name).</summary>
public static class MigrationActivities
{
    public const string RecordStep = "RecordMigrationStep";
    public const string ReserveCapacity = "ReserveCapacity";
    public const string ReleaseCapacity = "ReleaseCapacity";
    public const string ProvisionTarget = "ProvisionTarget";
    public const string ResizeTarget = "ResizeTarget";
    public const string DeleteTarget = "DeleteTarget";
    public const string ReplicateCycle = "ReplicateCycle";
    public const string StopReplication = "StopReplication";
    public const string SetTraffic = "SetTrafficWeights";
    public const string RestoreTraffic = "RestoreTraffic";
    public const string VerifyHealth = "VerifyEndpointHealth";
    public const string QuiesceSource = "QuiesceSource";
    public const string ResumeSource = "ResumeSource";
    public const string DecommissionSource = "DecommissionSource";

    /// <summary>The activities that undo something (what a compensation phase may call).</summary>
    public static readonly IReadOnlySet<string> Compensations = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ReleaseCapacity, DeleteTarget, StopReplication, RestoreTraffic, ResumeSource,
    };
}
