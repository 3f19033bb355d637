using PredictiveMigration.Azure.Connectors;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Workflows.Connectors;

namespace PredictiveMigration.Functions.Connectors;

/// <summary>The workflow's <see cref="IConnectorActuator"/> port over the Azure project's <see cref="ConnectorFleet"/>.</summary>
public sealed class ConnectorFleetActuator(ConnectorFleet fleet) : IConnectorActuator
{
    public Task<CloudResult<VmInfo?>> ApplyAsync(ConnectorAction action, CancellationToken cancellationToken) =>
        fleet.ApplyAsync(action, cancellationToken);
}
