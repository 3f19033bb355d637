namespace PredictiveMigration.Domain.Connectors;

/// <summary>A migration task given to a connector, and how far the connector is from the task's source.</summary>
public sealed record TaskAssignment(string MigrationId, string ConnectorId, string ConnectorRegion, double LatencyMs);
