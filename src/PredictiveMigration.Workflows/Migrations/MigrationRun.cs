using System.Globalization;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;
using PredictiveMigration.Workflows.Connectors;
using PredictiveMigration.Workflows.Migrations.Activities;

namespace PredictiveMigration.Workflows.Migrations;

/// <summary>
/// One execution (and every replay) of <see cref="MigrationOrchestrator"/>: the forward steps, the compensation stack
/// and the custom status. Everything here is deterministic: time from the context, waits as durable timers.
/// </summary>
internal sealed class MigrationRun
{
    /// <summary>Attempts for an activity that returns a transient failure (429, 5xx, capacity): durable timers in between.</summary>
    internal const int TransientAttempts = 5;

    private const int StepCount = 8;

    /// <summary>An activity that throws (a bug or a host hiccup) is tried again twice before it counts as a failed step.</summary>
    private static readonly RetryPolicy ThrownRetry = new(3, TimeSpan.FromSeconds(2), backoffCoefficient: 2);

    /// <summary>Recording an observation is best effort: one retry, then the migration goes on without it.</summary>
    private static readonly RetryPolicy ObservationRetry = new(2, TimeSpan.FromSeconds(2));

    private readonly TaskOrchestrationContext _context;
    private readonly MigrationDecision _d;
    private readonly List<(string Activity, object Input)> _undo = [];
    private readonly List<MigrationStep> _started = [];
    private readonly List<string> _compensated = [];
    private readonly string[] _sizes;
    private Task<CancelRequest>? _cancel;
    private int _sequence;
    private MigrationStep _step = MigrationStep.Approval;
    private MigrationStatus _status = MigrationStatus.Running;
    private int _progress;
    private int _traffic;
    private int? _cycle;
    private double? _lagSeconds;
    private string _detail = string.Empty;
    private string? _reason;
    private bool _committed;
    private bool _created;

    public MigrationRun(TaskOrchestrationContext context, MigrationDecision decision)
    {
        _context = context;
        _d = decision;
        _sizes = new string[decision.Targets.Count];
    }

    private string Id => _d.MigrationId;

    public async Task<MigrationOutcome> RunAsync()
    {
        if (_d.DryRun)
        {
            // Dry run: the decision is recorded and nothing else is scheduled.
            _status = MigrationStatus.DryRun;
            _progress = 100;
            await RecordAsync(MigrationStep.Done, MigrationStepState.Skipped, $"Dry run: would {_d.Strategy} {_d.ServerId} to {string.Join(", ", _d.Targets.Select(t => $"{t.VmName} ({t.Phases[0].Size}) in {t.Region}"))}.");
            return Outcome();
        }

        // Listening from the start: a cancel raised at any time is seen at the next step boundary or wait.
        _cancel = _context.WaitForExternalEvent<CancelRequest>(MigrationEvents.Cancel);
        try
        {
            if (_d.ApprovalRequired)
            {
                await ApproveAsync();
            }

            if (_d.NotBefore is { } notBefore && notBefore.UtcDateTime > _context.CurrentUtcDateTime)
            {
                _status = MigrationStatus.Scheduled;
                await RecordAsync(MigrationStep.Reserve, MigrationStepState.Started, $"Waiting for the maintenance window at {notBefore:O}.");
                await SleepAsync(notBefore.UtcDateTime - _context.CurrentUtcDateTime);
            }

            _status = MigrationStatus.Running;
            await ReserveAsync();
            await ProvisionAsync();
            await ReplicateAsync();
            await ShiftTrafficAsync();
            await CutOverAsync();
            await DecommissionAsync();
            await ReleaseAsync();
            _status = MigrationStatus.Completed;
            _progress = 100;
            await RecordAsync(MigrationStep.Done, MigrationStepState.Completed, $"Migrated {_d.ServerId} to {string.Join(", ", _d.Targets.Select(t => t.VmName))}.");
            return Outcome();
        }
        catch (MigrationHalt halt)
        {
            return await HaltAsync(halt);
        }
        catch (TaskFailedException ex)
        {
            // Recording itself failed after its retries.
            return await HaltAsync(new MigrationHalt(MigrationStatus.RolledBack, $"{_step}: {ex.TaskName} failed: {ex.FailureDetails.ErrorMessage}"));
        }
    }

    private async Task ApproveAsync()
    {
        _status = MigrationStatus.AwaitingApproval;
        await BeginAsync(MigrationStep.Approval, 0, $"Waiting up to {_d.ApprovalTimeout} for approval.");
        var approval = _context.WaitForExternalEvent<ApprovalDecision>(MigrationEvents.Approval, _d.ApprovalTimeout);
        if (await Task.WhenAny(approval, _cancel!) == _cancel)
        {
            throw Cancelled();
        }

        ApprovalDecision answer;
        try
        {
            answer = await approval;
        }
        catch (TaskCanceledException)
        {
            throw new MigrationHalt(MigrationStatus.Rejected, $"Not approved within {_d.ApprovalTimeout}.");
        }

        if (answer is null || !answer.Approved)
        {
            throw new MigrationHalt(MigrationStatus.Rejected, $"Rejected by {answer?.By ?? "an operator"}{(answer?.Comment is { Length: > 0 } c ? ": " + c : ".")}");
        }

        _status = MigrationStatus.Running;
        await CompleteAsync(MigrationStep.Approval, 5, $"Approved by {answer.By ?? "an operator"}.");
    }

    private async Task ReserveAsync()
    {
        await BeginAsync(MigrationStep.Reserve, 5, "Reserving vCPU quota for the targets.");
        foreach (var t in _d.Targets)
        {
            var key = ReservationKey(t);
            Push(MigrationActivities.ReleaseCapacity, key);
            await RunAsync<int>(MigrationActivities.ReserveCapacity, new CapacityReservation(key, Id, t.Region, t.PeakCores));
        }

        await CompleteAsync(MigrationStep.Reserve, 10, $"Reserved {_d.Targets.Sum(t => t.PeakCores)} vCPUs.");
    }

    private async Task ProvisionAsync()
    {
        await BeginAsync(MigrationStep.Provision, 10, "Pre-provisioning the targets at their first phase.");
        foreach (var t in _d.Targets)
        {
            var phase = PhaseAt(t);
            var vm = TargetVmFor(t, phase.Size);
            Push(MigrationActivities.DeleteTarget, vm);
            await RunAsync<string>(MigrationActivities.ProvisionTarget, vm);
            _sizes[t.Index] = phase.Size;
        }

        await CompleteAsync(MigrationStep.Provision, 25, $"Provisioned {string.Join(", ", _d.Targets.Select(t => $"{t.VmName} ({_sizes[t.Index]})"))}.");
    }

    private async Task ReplicateAsync()
    {
        await BeginAsync(MigrationStep.Replicate, 25, "Initial full copy.");
        await GrowTargetsAsync();
        // Undone: stop replication and delete what it wrote on the targets (a rolled-back target disk is an orphan).
        Push(MigrationActivities.StopReplication, new ReplicationStop(Id, [.. _d.Targets.Select(ReplicationId)], [.. _d.Targets.Select(t => t.Disk)]));
        var fullCopy = await ReplicateAllAsync(0, final: false);
        await ObserveFullCopyAsync(fullCopy);
        var cycle = 1;
        do
        {
            if (cycle > _d.MaxReplicationCycles)
            {
                throw new MigrationHalt(MigrationStatus.RolledBack, string.Create(CultureInfo.InvariantCulture,
                    $"{MigrationStep.Replicate}: lag {_lagSeconds:0.#} s still above the RPO of {_d.Rpo.TotalSeconds:0.#} s after {_d.MaxReplicationCycles} delta cycles."));
            }

            await SleepAsync(_d.ReplicationInterval);
            await ReplicateAllAsync(cycle, final: false);
            SetProgress(25 + Math.Min(20, cycle * 5));
            cycle++;
        }
        while (_lagSeconds >= _d.Rpo.TotalSeconds);

        await CompleteAsync(MigrationStep.Replicate, 50, string.Create(CultureInfo.InvariantCulture,
            $"{_cycle} delta cycles; lag {_lagSeconds:0.###} s below the RPO of {_d.Rpo.TotalSeconds:0.#} s."));
    }

    private async Task ShiftTrafficAsync()
    {
        await BeginAsync(MigrationStep.ShiftTraffic, 50, $"Progressive shift {string.Join(" → ", _d.TrafficSteps.Select(p => p + " %"))}.");
        Push(MigrationActivities.RestoreTraffic, Traffic(0));
        var steps = _d.TrafficSteps.Where(p => p < 100).ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            await GrowTargetsAsync();
            await RunAsync<int>(MigrationActivities.SetTraffic, Traffic(steps[i]));
            _traffic = steps[i];
            SetProgress(50 + (25 * (i + 1) / (steps.Count + 1)));
            SetStatus($"{steps[i]} % on the target; baking for {_d.BakeTime}.");
            await SleepAsync(_d.BakeTime);
            var health = await RunAsync<string>(MigrationActivities.VerifyHealth, Check());
            await RecordAsync(MigrationStep.ShiftTraffic, MigrationStepState.Completed, $"{steps[i]} % on the target: {health}");
        }
    }

    private async Task CutOverAsync()
    {
        await BeginAsync(MigrationStep.CutOver, 75, "Quiescing the source for the final delta.");
        Push(MigrationActivities.ResumeSource, Source());
        await RunAsync<bool>(MigrationActivities.QuiesceSource, Source());
        await ReplicateAllAsync((_cycle ?? 0) + 1, final: true);
        await GrowTargetsAsync();
        await RunAsync<int>(MigrationActivities.SetTraffic, Traffic(100));
        _traffic = 100;
        SetProgress(85);
        SetStatus($"100 % on the target; baking for {_d.BakeTime}.");
        await SleepAsync(_d.BakeTime);
        var health = await RunAsync<string>(MigrationActivities.VerifyHealth, Check());

        // From here the migration is committed: traffic is on the target, cancel is no longer honoured, and a later
        // failure (decommission, release) is left to an operator instead of moving traffic back.
        _committed = true;
        await CompleteAsync(MigrationStep.CutOver, 90, $"Cut over: 100 % on the target; {health}");
    }

    private async Task DecommissionAsync()
    {
        await BeginAsync(MigrationStep.Decommission, 90, _d.RollbackWindow > TimeSpan.Zero
            ? $"Keeping the source deallocated for the rollback window of {_d.RollbackWindow}."
            : "Deleting the source.");
        if (_d.RollbackWindow > TimeSpan.Zero)
        {
            var end = _context.CurrentUtcDateTime + _d.RollbackWindow;

            // The target keeps growing along the predicted profile while the source is kept.
            var growth = _d.Targets.SelectMany(t => t.Phases).Select(p => p.At.UtcDateTime)
                .Where(at => at > _context.CurrentUtcDateTime && at < end).Distinct().Order().ToList();
            foreach (var at in growth)
            {
                await SleepAsync(at - _context.CurrentUtcDateTime);
                await GrowTargetsAsync();
            }

            await SleepAsync(end - _context.CurrentUtcDateTime);
        }

        // The source endpoint leaves the profile before its VM goes (it sat there disabled at weight 0 since cut-over).
        await RunAsync<int>(MigrationActivities.SetTraffic, TargetsOnly());
        await RunAsync<bool>(MigrationActivities.DecommissionSource, Source());
        await CompleteAsync(MigrationStep.Decommission, 95, $"Source {_d.Source.VmName} removed from {_d.Source.TrafficProfile} and deleted.");
    }

    private async Task ReleaseAsync()
    {
        await BeginAsync(MigrationStep.Release, 95, "Releasing replication data and reservations.");
        await RunAsync<bool>(MigrationActivities.StopReplication, new ReplicationStop(Id, [.. _d.Targets.Select(ReplicationId)]));
        foreach (var t in _d.Targets)
        {
            await RunAsync<bool>(MigrationActivities.ReleaseCapacity, ReservationKey(t));
        }

        await CompleteAsync(MigrationStep.Release, 100, "Released.");
    }

    private async Task<MigrationOutcome> HaltAsync(MigrationHalt halt)
    {
        _context.Logger.LogWarning("Migration {MigrationId} halted at {Step}: {Reason}", Id, _step, halt.Reason);
        _reason = halt.Reason;
        if (_committed)
        {
            // After cut-over nothing is moved back: the target serves; what is left is named for an operator.
            _status = MigrationStatus.Failed;
            await TryRecordAsync(_step, MigrationStepState.Failed, $"Cut over, but {halt.Reason} An operator must finish the cleanup.");
            return Outcome();
        }

        var failedStep = _step;
        _status = MigrationStatus.RollingBack;
        await TryRecordAsync(failedStep, MigrationStepState.Failed, halt.Reason);
        _step = MigrationStep.Compensation;
        var failures = new List<string>();
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            var (activity, input) = _undo[i];
            _compensated.Add(activity);
            SetStatus($"Compensating: {activity}.");
            try
            {
                await RunAsync<object>(activity, input, compensation: true);
            }
            catch (MigrationHalt failed)
            {
                failures.Add(failed.Reason);
            }
        }

        _status = failures.Count == 0 ? halt.Status : MigrationStatus.Failed;
        if (failures.Count > 0)
        {
            _reason = $"{halt.Reason} Compensation failed: {string.Join("; ", failures)}";
        }

        _progress = 100;
        await TryRecordAsync(MigrationStep.Done, failures.Count == 0 ? MigrationStepState.Compensated : MigrationStepState.Failed,
            _compensated.Count == 0 ? $"{halt.Status}: nothing to undo." : $"{_status}: undid {string.Join(", ", _compensated)}.");
        return Outcome();
    }

    /// <summary>Runs an activity that returns a <see cref="StepResult{T}"/>, retrying transient failures on durable timers.</summary>
    private async Task<T> RunAsync<T>(string activity, object input, bool compensation = false)
    {
        var attempts = compensation ? TransientAttempts * 2 : TransientAttempts;
        for (var attempt = 1; ; attempt++)
        {
            StepResult<T> result;
            try
            {
                result = await _context.CallActivityAsync<StepResult<T>>(activity, input, ThrownRetry);
            }
            catch (TaskFailedException ex)
            {
                throw new MigrationHalt(MigrationStatus.RolledBack, $"{_step}: {activity} failed: {ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}");
            }

            if (result.Ok)
            {
                return result.Value!;
            }

            if (result.Transient && attempt < attempts)
            {
                var wait = result.RetryAfter is { } after && after > TimeSpan.Zero ? after : Backoff(attempt);
                SetStatus($"{activity}: {result.Code}, attempt {attempt} of {attempts}; retrying in {wait}.");
                if (compensation || _committed)
                {
                    await _context.CreateTimer(wait, CancellationToken.None);
                }
                else
                {
                    await SleepAsync(wait);
                }

                continue;
            }

            throw new MigrationHalt(MigrationStatus.RolledBack, $"{_step}: {activity} failed: {result.Code}: {result.Message}");
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(120, 5 * Math.Pow(2, attempt - 1)));

    /// <summary>A durable wait that a cancel interrupts (until cut-over).</summary>
    private async Task SleepAsync(TimeSpan delay)
    {
        ThrowIfCancelled();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        if (_committed)
        {
            await _context.CreateTimer(delay, CancellationToken.None);
            return;
        }

        using var cts = new CancellationTokenSource();
        var timer = _context.CreateTimer(delay, cts.Token);
        if (await Task.WhenAny(timer, _cancel!) == _cancel)
        {
            cts.Cancel();
            throw Cancelled();
        }
    }

    private void ThrowIfCancelled()
    {
        if (!_committed && _cancel is { IsCompleted: true })
        {
            throw Cancelled();
        }
    }

    private MigrationHalt Cancelled()
    {
        var request = _cancel!.IsCompletedSuccessfully ? _cancel.Result : null;
        return new MigrationHalt(MigrationStatus.Cancelled, $"Cancelled by {request?.By ?? "an operator"}{(request?.Reason is { Length: > 0 } r ? ": " + r : ".")}");
    }

    private async Task GrowTargetsAsync()
    {
        foreach (var t in _d.Targets)
        {
            var phase = PhaseAt(t);
            if (_sizes[t.Index] is { } size && !string.Equals(size, phase.Size, StringComparison.OrdinalIgnoreCase))
            {
                await RunAsync<string>(MigrationActivities.ResizeTarget, TargetVmFor(t, phase.Size));
                _sizes[t.Index] = phase.Size;
                await RecordAsync(_step, MigrationStepState.Completed, $"{t.VmName} grown to {phase.Size} ({phase.Cores} vCPUs) for the demand from {phase.At:O}.");
            }
        }
    }

    private async Task<ReplicationCycle[]> ReplicateAllAsync(int cycle, bool final)
    {
        var cycles = await Task.WhenAll(_d.Targets.Select(t => RunAsync<ReplicationCycle>(
            MigrationActivities.ReplicateCycle, new ReplicationRequest(ReplicationId(t), _d.Source.Disk, t.Disk, cycle, final))));
        _cycle = cycle;
        _lagSeconds = cycles.Max(c => c.Lag.TotalSeconds);
        SetStatus(string.Create(CultureInfo.InvariantCulture,
            $"Replication cycle {cycle}{(final ? " (final)" : string.Empty)}: {cycles.Sum(c => c.BytesSent)} bytes sent, lag {_lagSeconds:0.###} s."));
        return cycles;
    }

    /// <summary>
    /// Teaches the connectors' transfer-rate model what this migration's initial full copy took (bytes and duration as
    /// the replication activity measured them; see <see cref="MigrationObservations.FromFullCopy(MigrationDecision, IReadOnlyList{ReplicationCycle}, DateTimeOffset, bool)"/>).
    /// Idempotent (keyed by the migration id) and best effort: a failure is logged and the migration goes on, with no
    /// compensation to undo (an observation of a copy that really happened stays true whatever follows).
    /// </summary>
    private async Task ObserveFullCopyAsync(IReadOnlyList<ReplicationCycle> fullCopy)
    {
        if (fullCopy.Any(c => c is not { Full: true }))
        {
            // A replication service that does not flag cycle 0 as full: nothing trustworthy to learn from.
            _context.Logger.LogWarning("Migration {MigrationId}: cycle 0 was not reported as a full copy; no transfer observation recorded", Id);
            return;
        }

        var observation = MigrationObservations.FromFullCopy(_d, fullCopy, new DateTimeOffset(_context.CurrentUtcDateTime, TimeSpan.Zero));
        try
        {
            await _context.CallActivityAsync<bool>(ConnectorActivities.RecordObservation, observation, ObservationRetry);
        }
        catch (TaskFailedException ex)
        {
            _context.Logger.LogWarning("Migration {MigrationId}: could not record the transfer observation: {Error}", Id, ex.FailureDetails.ErrorMessage);
        }
    }

    private SizingPhase PhaseAt(MigrationTarget t)
    {
        var now = new DateTimeOffset(_context.CurrentUtcDateTime, TimeSpan.Zero);
        var due = t.Phases[0];
        foreach (var p in t.Phases)
        {
            if (p.At <= now)
            {
                due = p;
            }
        }

        return due;
    }

    private TrafficChange Traffic(int percent)
    {
        var source = new WeightedEndpoint(_d.Source.VmName, _d.Source.Endpoint, percent == 0 ? 1000 : (100 - percent) * 10);
        if (percent == 0)
        {
            return new TrafficChange(Id, _d.Source.ResourceGroup, _d.Source.TrafficProfile, 0, [source]);
        }

        var share = Math.Max(1, percent * 10 / _d.Targets.Count);
        return new TrafficChange(Id, _d.Source.ResourceGroup, _d.Source.TrafficProfile, percent,
            [source, .. _d.Targets.Select(t => new WeightedEndpoint(t.EndpointName, t.Endpoint, share))]);
    }

    /// <summary>The profile after decommission: the targets alone at their 100 % weights, no source endpoint.</summary>
    private TrafficChange TargetsOnly()
    {
        var all = Traffic(100);
        return all with { Endpoints = [.. all.Endpoints.Skip(1)] };
    }

    private HealthCheck Check() => new(Id, _d.Source.TrafficProfile, [.. _d.Targets.Select(t => t.EndpointName)],
        _d.BakeTime > TimeSpan.Zero ? _d.BakeTime : TimeSpan.FromSeconds(30), _d.Sla);

    private SourceVm Source() => new(Id, _d.Source.ResourceGroup, _d.Source.VmName);

    private TargetVm TargetVmFor(MigrationTarget t, string size) =>
        new(Id, t.ResourceGroup, t.VmName, t.Region, size, $"{Id}:provision:t{t.Index}");

    private string ReservationKey(MigrationTarget t) => $"{Id}:t{t.Index}";

    private string ReplicationId(MigrationTarget t) => $"{Id}-t{t.Index}";

    private void Push(string activity, object input) => _undo.Add((activity, input));

    private async Task BeginAsync(MigrationStep step, int progress, string detail)
    {
        ThrowIfCancelled();
        _step = step;
        _started.Add(step);
        _progress = progress;
        await RecordAsync(step, MigrationStepState.Started, detail);
    }

    private Task CompleteAsync(MigrationStep step, int progress, string detail)
    {
        _progress = progress;
        return RecordAsync(step, MigrationStepState.Completed, detail);
    }

    private void SetProgress(int progress) => _progress = Math.Max(_progress, progress);

    private void SetStatus(string detail)
    {
        _detail = detail;
        _context.SetCustomStatus(new MigrationStatusView(Id, _status, _step, StepNumber(), StepCount, _progress, _traffic, _cycle, _lagSeconds, _detail, _reason));
    }

    private int StepNumber() => _step switch
    {
        MigrationStep.Compensation => _started.Count == 0 ? 1 : (int)_started[^1] + 1,
        MigrationStep.Done => StepCount,
        _ => (int)_step + 1,
    };

    private Task RecordAsync(MigrationStep step, MigrationStepState state, string detail)
    {
        SetStatus(detail);
        var entry = new MigrationStepEntry(_sequence++, step, state, new DateTimeOffset(_context.CurrentUtcDateTime, TimeSpan.Zero), detail);
        var input = new RecordStepInput(new MigrationProgress(Id, entry, _status, _progress, _reason), _created ? null : _d);
        _created = true;
        return _context.CallActivityAsync<bool>(MigrationActivities.RecordStep, input, ThrownRetry);
    }

    private async Task TryRecordAsync(MigrationStep step, MigrationStepState state, string detail)
    {
        try
        {
            await RecordAsync(step, state, detail);
        }
        catch (TaskFailedException ex)
        {
            _context.Logger.LogWarning("Migration {MigrationId}: could not record {Step}: {Error}", Id, step, ex.FailureDetails.ErrorMessage);
        }
    }

    private MigrationOutcome Outcome() => new(Id, _d.ServerId, _status, _reason, [.. _started], [.. _compensated]);
}
