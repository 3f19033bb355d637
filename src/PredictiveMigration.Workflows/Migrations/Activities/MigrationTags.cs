namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>The tags a migration stamps on what it creates.</summary>
public static class MigrationTags
{
    public const string Migration = "pm-migration";
    public const string Role = "pm-role";
    public const string Key = "pm-key";
}
