namespace PredictiveMigration.Domain.Connectors.Api;

/// <summary><c>POST /api/scale</c>'s answer: the actions to run (none when the fleet is already as asked).</summary>
public sealed record ScaleResponse(IReadOnlyList<ConnectorAction> Actions);
