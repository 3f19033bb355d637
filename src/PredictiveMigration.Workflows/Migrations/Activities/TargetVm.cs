namespace PredictiveMigration.Workflows.Migrations.Activities;

/// <summary>A target VM to create, resize or delete. <paramref name="IdempotencyKey"/> is <c>{migrationId}:provision:t{index}</c>, stamped as a tag.</summary>
public sealed record TargetVm(string MigrationId, string ResourceGroup, string VmName, string Region, string Size, string IdempotencyKey);
