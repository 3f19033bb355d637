using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>An action that did not happen in a round: recorded, skipped, and left for the next round to re-plan.</summary>
/// <param name="Round">The round it failed in.</param>
/// <param name="Action">The action.</param>
/// <param name="Code">The failure code (the cloud's, <c>ConnectorBusy</c>, <c>IllegalTransition</c>, <c>ActivityFailed</c> or <c>Skipped</c>).</param>
/// <param name="Message">Why.</param>
/// <param name="Attempts">Attempts made (transient failures are retried).</param>
public sealed record FailedConnectorAction(int Round, ConnectorAction Action, string Code, string Message, int Attempts);
