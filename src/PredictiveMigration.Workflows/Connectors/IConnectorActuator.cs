using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>
/// Carries out a connector action in the cloud (the Azure project's <c>ConnectorFleet</c> behind a port, so this
/// project needs no Azure package). Idempotent by connector id; expected failures are values.
/// </summary>
public interface IConnectorActuator
{
    /// <summary>The connector's VM after the action (null once decommissioned), or the cloud's failure.</summary>
    Task<CloudResult<VmInfo?>> ApplyAsync(ConnectorAction action, CancellationToken cancellationToken);
}
