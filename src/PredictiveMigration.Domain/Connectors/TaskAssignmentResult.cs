namespace PredictiveMigration.Domain.Connectors;

/// <summary>What <see cref="TaskAssigner"/> decided, and the connectors with their new tasks.</summary>
public sealed record TaskAssignmentResult(IReadOnlyList<TaskAssignment> Assignments, IReadOnlyList<UnassignedTask> Unassigned, IReadOnlyList<Connector> Connectors);
