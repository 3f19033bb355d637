namespace PredictiveMigration.Domain.Connectors;

/// <summary>A task no connector could take now, and why.</summary>
public sealed record UnassignedTask(string MigrationId, string Reason);
