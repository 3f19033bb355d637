using PredictiveMigration.Durable;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>Adds the connector workflow to a registry. Activity constructor dependencies come from the host's service provider.</summary>
public static class ConnectorWorkflowsRegistration
{
    /// <summary>
    /// Registers <see cref="ConnectorScalingOrchestrator"/> and its activities under the names in
    /// <see cref="ConnectorActivities"/>. The service provider must supply <c>IConnectorStore</c>,
    /// <see cref="IConnectorActuator"/>, <see cref="ConnectorActionRunner"/>, <c>IMigrationStore</c>,
    /// <c>IMigrationCandidateStore</c>, <c>IServerDirectory</c>, <c>ICloudInventory</c>, <c>ConnectorPlacement</c>,
    /// <c>ConnectorPlanOptions</c> and <see cref="ConnectorWorkflowOptions"/> (the Functions app's
    /// <c>AddConnectorServices</c> registers them). Start the orchestrator once under
    /// <see cref="ConnectorScalingOrchestrator.InstanceId"/>.
    /// </summary>
    public static DurableTaskRegistry AddConnectorWorkflows(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<ConnectorScalingOrchestrator>(ConnectorScalingOrchestrator.Name)
            .AddActivity<PlanConnectorsActivity>(ConnectorActivities.Plan)
            .AddActivity<ApplyConnectorActionActivity>(ConnectorActivities.Apply)
            .AddActivity<RecordMigrationObservationActivity>(ConnectorActivities.RecordObservation);
    }
}
