using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Workflows.Connectors;

namespace PredictiveMigration.Functions.Tests.Connectors;

/// <summary>A cloud that records actions and fails those <see cref="Fail"/> names (the real fleet is tested on the sandbox cloud in the Azure tests).</summary>
internal sealed class RecordingActuator : IConnectorActuator
{
    public List<ConnectorAction> Applied { get; } = [];

    public Func<ConnectorAction, CloudFailure?> Fail { get; set; } = _ => null;

    public Task<CloudResult<VmInfo?>> ApplyAsync(ConnectorAction action, CancellationToken cancellationToken)
    {
        Applied.Add(action);
        return Task.FromResult(Fail(action) is { } failure ? CloudResult<VmInfo?>.Fail(failure) : CloudResult<VmInfo?>.Ok(null));
    }
}
