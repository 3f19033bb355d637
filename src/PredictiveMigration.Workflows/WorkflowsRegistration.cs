using PredictiveMigration.Durable;
using PredictiveMigration.Workflows.Migrations;
using PredictiveMigration.Workflows.Migrations.Activities;
using PredictiveMigration.Workflows.Recovery;

namespace PredictiveMigration.Workflows;

/// <summary>Adds the migration workflows to a registry. Activity constructor dependencies (the ports) come from the host's service provider.</summary>
public static class WorkflowsRegistration
{
    /// <summary>
    /// Registers <see cref="MigrationOrchestrator"/>, <see cref="RecoveryPlanOrchestrator"/> and every activity under
    /// the names in <see cref="MigrationActivities"/>. The service provider must supply <c>IMigrationStore</c>,
    /// <c>ICapacityReservations</c>, <c>ICloudCompute</c>, <c>ICloudInventory</c>, <c>ITrafficRouter</c>,
    /// <c>IReplicationService</c> and <c>IEndpointHealth</c>.
    /// The migration orchestrator also calls <see cref="Connectors.ConnectorActivities.RecordObservation"/> once per
    /// migration after its initial full copy, so the host should also call
    /// <see cref="Connectors.ConnectorWorkflowsRegistration.AddConnectorWorkflows"/> (which needs <c>IConnectorStore</c>
    /// for that activity). That call is best effort: where it is not registered it fails, is logged, and the migration
    /// goes on.
    /// </summary>
    public static DurableTaskRegistry AddMigrationWorkflows(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<MigrationOrchestrator>(MigrationOrchestrator.Name)
            .AddOrchestrator<RecoveryPlanOrchestrator>(RecoveryPlanOrchestrator.Name)
            .AddActivity<RecordMigrationStepActivity>(MigrationActivities.RecordStep)
            .AddActivity<ReserveCapacityActivity>(MigrationActivities.ReserveCapacity)
            .AddActivity<ReleaseCapacityActivity>(MigrationActivities.ReleaseCapacity)
            .AddActivity<ProvisionTargetActivity>(MigrationActivities.ProvisionTarget)
            .AddActivity<ResizeTargetActivity>(MigrationActivities.ResizeTarget)
            .AddActivity<DeleteTargetActivity>(MigrationActivities.DeleteTarget)
            .AddActivity<ReplicateCycleActivity>(MigrationActivities.ReplicateCycle)
            .AddActivity<StopReplicationActivity>(MigrationActivities.StopReplication)
            .AddActivity<SetTrafficWeightsActivity>(MigrationActivities.SetTraffic)
            .AddActivity<RestoreTrafficActivity>(MigrationActivities.RestoreTraffic)
            .AddActivity<VerifyEndpointHealthActivity>(MigrationActivities.VerifyHealth)
            .AddActivity<QuiesceSourceActivity>(MigrationActivities.QuiesceSource)
            .AddActivity<ResumeSourceActivity>(MigrationActivities.ResumeSource)
            .AddActivity<DecommissionSourceActivity>(MigrationActivities.DecommissionSource);
    }
}
