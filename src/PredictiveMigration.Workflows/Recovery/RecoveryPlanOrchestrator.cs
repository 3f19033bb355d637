using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;
using PredictiveMigration.Workflows.Migrations;

namespace PredictiveMigration.Workflows.Recovery;

/// <summary>
/// Moves every workload of a failed region: each migration is a <see cref="MigrationOrchestrator"/> sub-orchestration
/// whose instance id is its migration id, started in priority order, at most <see cref="RecoveryPlan.MaxParallel"/>
/// running at once. One migration failing does not stop the others.
/// </summary>
public sealed class RecoveryPlanOrchestrator : TaskOrchestrator<RecoveryPlan, RecoveryOutcome>
{
    /// <summary>The registered name.</summary>
    public const string Name = "RecoveryPlanOrchestrator";

    public override async Task<RecoveryOutcome> RunAsync(TaskOrchestrationContext context, RecoveryPlan input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input, nameof(input));
        input.Validate();
        var order = input.InPriorityOrder();
        var items = new RecoveryItem?[order.Count];
        var running = new Dictionary<Task<MigrationOutcome>, int>();
        var next = 0;
        var finished = 0;

        void Status() => context.SetCustomStatus(new RecoveryStatusView(input.PlanId, input.FailedRegion, order.Count, next, finished,
            items.Count(i => i?.Status == MigrationStatus.Completed), [.. running.Values.Order().Select(i => order[i].MigrationId)]));

        while (next < order.Count || running.Count > 0)
        {
            while (next < order.Count && running.Count < input.MaxParallel)
            {
                var decision = order[next];
                running.Add(context.CallSubOrchestratorAsync<MigrationOutcome>(MigrationOrchestrator.Name, decision, decision.MigrationId), next);
                next++;
            }

            Status();
            var done = await Task.WhenAny(running.Keys);
            var index = running[done];
            running.Remove(done);
            var d = order[index];
            try
            {
                var outcome = await done;
                items[index] = new RecoveryItem(index, d.MigrationId, d.ServerId, d.Source.Priority, outcome.Status, outcome.Reason);
            }
            catch (TaskFailedException ex)
            {
                items[index] = new RecoveryItem(index, d.MigrationId, d.ServerId, d.Source.Priority, MigrationStatus.Failed, ex.FailureDetails.ErrorMessage);
            }

            finished++;
        }

        Status();
        return new RecoveryOutcome(input.PlanId, input.FailedRegion, [.. items.Select(i => i!)]);
    }
}
