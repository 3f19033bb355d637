namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>The source VM to quiesce, resume or decommission.</summary>
public sealed record SourceVm(string MigrationId, string ResourceGroup, string VmName);
