namespace PredictiveMigration.Workflows.Connectors;

/// <summary>The input of <see cref="PlanConnectorsActivity"/>: the orchestration's clock, so a retry plans for the same instant.</summary>
public sealed record PlanConnectorsInput(DateTimeOffset Now);
