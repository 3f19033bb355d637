using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Durable;
using PredictiveMigration.Workflows.Migrations;

namespace PredictiveMigration.Workflows.Connectors;

/// <summary>
/// Keeps the connector fleet ahead of the migration load (issue 6, seed 002), forever, as a singleton instance
/// (<see cref="InstanceId"/>). Each round: <see cref="ConnectorActivities.Plan"/> at the orchestration's time, each
/// action in order through <see cref="ConnectorActivities.Apply"/>, the custom status with the plan summary, needs and
/// bottlenecks, a durable timer for the plan interval, then continue-as-new with a small <see cref="ConnectorScalingState"/>.
/// Failures: an exception in an activity is retried by <see cref="ActivityRetry"/>; a transient failure value is retried
/// on durable timers (its <c>RetryAfter</c>, else <see cref="TransientBackoff"/>) up to <see cref="TransientAttempts"/>
/// attempts; a permanent one is recorded and skipped, as are later actions on the same connector, and the next round
/// re-plans from what the store says. A failed planning skips the round.
/// </summary>
public sealed class ConnectorScalingOrchestrator : TaskOrchestrator<ConnectorScalingState?, ConnectorScalingState>
{
    /// <summary>The registered name.</summary>
    public const string Name = "ConnectorScalingOrchestrator";

    /// <summary>The singleton instance id to start (and query) it under.</summary>
    public const string InstanceId = "connector-scaling";

    /// <summary>Attempts for an action that keeps failing transiently.</summary>
    internal const int TransientAttempts = 4;

    /// <summary>Retries of an activity that throws (storage unreachable, a bug): 3 attempts, 15 s then 30 s.</summary>
    internal static readonly RetryPolicy ActivityRetry = new(3, TimeSpan.FromSeconds(15), 2, TimeSpan.FromMinutes(1));

    /// <summary>Waits between attempts of a transiently failing action when the cloud names none: 30 s, 60 s, 120 s.</summary>
    internal static readonly RetryPolicy TransientBackoff = new(TransientAttempts, TimeSpan.FromSeconds(30), 2, TimeSpan.FromMinutes(5));

    public override async Task<ConnectorScalingState> RunAsync(TaskOrchestrationContext context, ConnectorScalingState? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = (input ?? ConnectorScalingState.Initial).Normalised();
        var round = state.Round + 1;
        var plannedAt = Now(context);
        var failed = new List<FailedConnectorAction>();
        var applied = 0;
        context.SetCustomStatus(ConnectorScalingStatus.Of("planning", round, plannedAt, null, null, 0, failed, null));

        ConnectorRound? planned = null;
        string? error = null;
        try
        {
            planned = await context.CallActivityAsync<ConnectorRound>(ConnectorActivities.Plan, new PlanConnectorsInput(plannedAt), ActivityRetry);
        }
        catch (TaskFailedException ex)
        {
            error = ex.FailureDetails.ErrorMessage;
        }

        if (planned is not null)
        {
            var broken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var action in planned.Plan.Actions)
            {
                context.SetCustomStatus(ConnectorScalingStatus.Of("applying", round, plannedAt, null, planned, applied, failed, null));
                if (broken.Contains(action.ConnectorId))
                {
                    failed.Add(new FailedConnectorAction(round, action, "Skipped", "an earlier action on this connector failed this round", 0));
                    continue;
                }

                var (result, attempts) = await ApplyAsync(context, action);
                if (result.Ok)
                {
                    applied++;
                }
                else
                {
                    broken.Add(action.ConnectorId);
                    failed.Add(new FailedConnectorAction(round, action, result.Code ?? "Failed", result.Message ?? "", attempts));
                }
            }
        }

        var interval = planned?.Interval is { } i && i > TimeSpan.Zero ? i : state.Interval;
        var next = state with
        {
            Round = round,
            Interval = interval,
            LastPlanAt = plannedAt,
            Failures = [.. failed.Take(ConnectorScalingState.MaxFailures)],
            AppliedTotal = state.AppliedTotal + applied,
            FailedTotal = state.FailedTotal + failed.Count,
            PlanFailures = planned is null ? state.PlanFailures + 1 : 0,
            LastError = error,
        };
        var nextRunAt = plannedAt + interval;
        context.SetCustomStatus(ConnectorScalingStatus.Of("waiting", round, plannedAt, nextRunAt, planned, applied, failed, error));
        await context.CreateTimer(nextRunAt.UtcDateTime, CancellationToken.None);
        context.ContinueAsNew(next, preserveUnprocessedEvents: false);
        return next;
    }

    private static async Task<(StepResult<bool> Result, int Attempts)> ApplyAsync(TaskOrchestrationContext context, ConnectorAction action)
    {
        for (var attempt = 1; ; attempt++)
        {
            StepResult<bool> result;
            try
            {
                result = await context.CallActivityAsync<StepResult<bool>>(ConnectorActivities.Apply, new ApplyConnectorActionInput(action, Now(context)), ActivityRetry);
            }
            catch (TaskFailedException ex)
            {
                return (StepResult<bool>.Fail("ActivityFailed", ex.FailureDetails.ErrorMessage), attempt);
            }

            if (result.Ok || !result.Transient || attempt >= TransientAttempts)
            {
                return (result, attempt);
            }

            var wait = result.RetryAfter is { } after && after > TimeSpan.Zero ? Min(after, TransientBackoff.MaxRetryInterval) : TransientBackoff.GetDelay(attempt);
            await context.CreateTimer(wait, CancellationToken.None);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static DateTimeOffset Now(TaskOrchestrationContext context) =>
        new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc), TimeSpan.Zero);
}
