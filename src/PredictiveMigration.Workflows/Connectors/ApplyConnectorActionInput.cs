using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>One action to run, and the orchestration time it counts as done at (the connector's <c>StateSince</c>).</summary>
public sealed record ApplyConnectorActionInput(ConnectorAction Action, DateTimeOffset At);
