using System.Text.Json;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Workflows.Connectors;
using PredictiveMigration.Workflows.Migrations;

namespace PredictiveMigration.Workflows.Tests.Support;

/// <summary>Healthy fakes for every migration activity; tests override one to make a step fail.</summary>
internal static class MigrationFakes
{
    /// <summary>The lag after a cycle: the full copy leaves 10 min, every delta 5 s (below the default 30 s RPO).</summary>
    public static WorkflowHarness Healthy(this WorkflowHarness harness) => harness
        .On(MigrationActivities.RecordStep, (_, _) => true)
        .On(MigrationActivities.ReserveCapacity, (input, _) => StepResult<int>.Success(input.GetProperty("cores").GetInt32()))
        .On(MigrationActivities.ReleaseCapacity, (_, _) => StepResult<bool>.Success(true))
        .On(MigrationActivities.ProvisionTarget, (input, _) => StepResult<string>.Success("/vm/" + input.GetProperty("vmName").GetString()))
        .On(MigrationActivities.ResizeTarget, (input, _) => StepResult<string>.Success(input.GetProperty("size").GetString()!))
        .On(MigrationActivities.DeleteTarget, (_, _) => StepResult<bool>.Success(true))
        .On(MigrationActivities.ReplicateCycle, (input, _) => StepResult<ReplicationCycle>.Success(Cycle(input, TimeSpan.FromSeconds(5))))
        .On(MigrationActivities.StopReplication, (_, _) => StepResult<bool>.Success(true))
        .On(MigrationActivities.SetTraffic, (input, _) => StepResult<int>.Success(input.GetProperty("targetPercent").GetInt32()))
        .On(MigrationActivities.RestoreTraffic, (_, _) => StepResult<int>.Success(0))
        .On(MigrationActivities.VerifyHealth, (_, _) => StepResult<string>.Success("healthy"))
        .On(MigrationActivities.QuiesceSource, (_, _) => StepResult<bool>.Success(true))
        .On(MigrationActivities.ResumeSource, (_, _) => StepResult<bool>.Success(true))
        .On(MigrationActivities.DecommissionSource, (_, _) => StepResult<bool>.Success(true))
        .On(ConnectorActivities.RecordObservation, (_, _) => true);

    public static ReplicationCycle Cycle(JsonElement input, TimeSpan deltaLag)
    {
        var cycle = input.GetProperty("cycle").GetInt32();
        return new ReplicationCycle(input.GetProperty("migrationId").GetString()!, cycle, cycle == 0, 1 << 20, cycle == 0 ? 1 << 20 : 4096, cycle == 0 ? 256 : 1,
            cycle == 0 ? TimeSpan.FromMinutes(10) : deltaLag, TimeSpan.FromSeconds(1));
    }

    /// <summary>A non-transient failure value of the right shape for any activity.</summary>
    public static object Failure(string code = "Boom", string message = "injected failure", bool transient = false, TimeSpan? retryAfter = null) =>
        new { ok = false, code, message, transient, retryAfter };
}
