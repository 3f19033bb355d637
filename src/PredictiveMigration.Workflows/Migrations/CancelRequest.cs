namespace PredictiveMigration.Workflows.Migrations;

/// <summary>Payload of the <see cref="MigrationEvents.Cancel"/> event.</summary>
public sealed record CancelRequest(string? Reason = null, string? By = null);
