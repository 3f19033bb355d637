using System.Text.Json;
using System.Text.Json.Nodes;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Workflows.Connectors;
using PredictiveMigration.Workflows.Migrations;
using PredictiveMigration.Workflows.Tests.Support;
using A = PredictiveMigration.Workflows.Migrations.MigrationActivities;

namespace PredictiveMigration.Workflows.Tests.Migrations;

public sealed class MigrationOrchestratorTests
{
    private static readonly string[] HappyPath =
    [
        A.ReserveCapacity, A.ProvisionTarget,
        A.ReplicateCycle, ConnectorActivities.RecordObservation, A.ReplicateCycle,
        A.SetTraffic, A.VerifyHealth, A.SetTraffic, A.VerifyHealth,
        A.QuiesceSource, A.ReplicateCycle, A.SetTraffic, A.VerifyHealth,
        A.SetTraffic, A.DecommissionSource,
        A.StopReplication, A.ReleaseCapacity,
    ];

    private static readonly string[] AfterProvision = [A.DeleteTarget, A.ReleaseCapacity];
    private static readonly string[] AfterReplication = [A.StopReplication, .. AfterProvision];
    private static readonly string[] AfterShift = [A.RestoreTraffic, .. AfterReplication];
    private static readonly string[] AfterQuiesce = [A.ResumeSource, .. AfterShift];

    public static TheoryData<string, int, string[]> FailingSteps => new()
    {
        { A.ReserveCapacity, 1, [A.ReleaseCapacity] },
        { A.ProvisionTarget, 1, AfterProvision },
        { A.ReplicateCycle, 1, AfterReplication },
        { A.ReplicateCycle, 2, AfterReplication },
        { A.SetTraffic, 1, AfterShift },
        { A.VerifyHealth, 1, AfterShift },
        { A.SetTraffic, 2, AfterShift },
        { A.VerifyHealth, 2, AfterShift },
        { A.QuiesceSource, 1, AfterQuiesce },
        { A.ReplicateCycle, 3, AfterQuiesce },
        { A.SetTraffic, 3, AfterQuiesce },
        { A.VerifyHealth, 3, AfterQuiesce },
    };

    [Fact]
    public void Run_HealthyPorts_RunsEveryStepInOrderAndCompletes()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single()));

        // Assert
        Assert.Equal(MigrationStatus.Completed, outcome.Status);
        Assert.Equal(HappyPath, Forward(harness));
        Assert.Empty(outcome.Compensations);
        Assert.Equal([MigrationStep.Reserve, MigrationStep.Provision, MigrationStep.Replicate, MigrationStep.ShiftTraffic, MigrationStep.CutOver, MigrationStep.Decommission, MigrationStep.Release], outcome.StepsStarted);
    }

    [Theory]
    [MemberData(nameof(FailingSteps))]
    public void Run_StepFails_RunsExactlyTheCompensationsDueInReverse(string failing, int call, string[] expected)
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();
        var healthy = Healthy(failing);
        harness.On(failing, (input, n) => n == call ? MigrationFakes.Failure("Boom", $"{failing} #{n} broke") : healthy(input, n));

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single()));

        // Assert
        Assert.Equal(MigrationStatus.RolledBack, outcome.Status);
        Assert.Equal(expected, CallsAfterFailure(harness, failing, call));
        Assert.Equal(expected, outcome.Compensations);
        Assert.Contains($"{failing} failed: Boom", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AfterTheFullCopy_RecordsOneObservationWithWhatTheReplicationActivityMeasured()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single()));

        // Assert
        Assert.Equal(MigrationStatus.Completed, outcome.Status);
        var observation = Assert.Single(harness.Calls, c => c.Name == ConnectorActivities.RecordObservation);
        var names = Forward(harness);
        Assert.Equal(A.ReplicateCycle, names[names.IndexOf(ConnectorActivities.RecordObservation) - 1]);
        var o = JsonSerializer.Deserialize<MigrationObservation>(observation.Input!, WorkflowHarness.Options.SerializerOptions)!;
        Assert.Equal(("mig-1", "westeurope", 1L << 20, TimeSpan.FromSeconds(1), true), (o.MigrationId, o.SourceRegion, o.DataBytes, o.Duration, o.Succeeded));

        // Started one copy-duration before the orchestration's clock when cycle 0's result arrived (no timer ran yet).
        Assert.Equal(TestDecisions.T0 - TimeSpan.FromSeconds(1), o.StartedAt);
    }

    [Fact]
    public void Run_SplitFullCopy_ObservesTheSourceBytesOverTheSlowestTargetsCopy()
    {
        // Arrange: target 1's full copy takes 7 s, target 0's 1 s; both read the whole 1 MiB source.
        var harness = new WorkflowHarness().Healthy().On(A.ReplicateCycle, (input, _) =>
        {
            var cycle = MigrationFakes.Cycle(input, TimeSpan.FromSeconds(5));
            return StepResult<ReplicationCycle>.Success(cycle.Full && cycle.MigrationId.EndsWith("-t1", StringComparison.Ordinal) ? cycle with { Duration = TimeSpan.FromSeconds(7) } : cycle);
        });

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single(targets: 2)));

        // Assert
        Assert.Equal(MigrationStatus.Completed, outcome.Status);
        var observation = Assert.Single(harness.Calls, c => c.Name == ConnectorActivities.RecordObservation);
        var o = JsonSerializer.Deserialize<MigrationObservation>(observation.Input!, WorkflowHarness.Options.SerializerOptions)!;
        Assert.Equal((1L << 20, TimeSpan.FromSeconds(7)), (o.DataBytes, o.Duration));
    }

    [Fact]
    public void Run_ObservationFails_IsRetriedOnceThenTheMigrationCompletesWithNothingUndone()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy().On(ConnectorActivities.RecordObservation, (_, _) => throw new InvalidOperationException("observation table unreachable"));

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single()));

        // Assert
        Assert.Equal(MigrationStatus.Completed, outcome.Status);
        Assert.Null(outcome.Reason);
        Assert.Empty(outcome.Compensations);
        Assert.Equal([.. HappyPath[..4], ConnectorActivities.RecordObservation, .. HappyPath[4..]], Forward(harness));
    }

    [Fact]
    public void Run_FullCopyFails_RecordsNoObservation()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy().On(A.ReplicateCycle, (_, _) => MigrationFakes.Failure("DiskUnreadable", "source image missing"));

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single()));

        // Assert
        Assert.Equal(MigrationStatus.RolledBack, outcome.Status);
        Assert.DoesNotContain(ConnectorActivities.RecordObservation, harness.CallNames);
    }

    [Fact]
    public void Run_DecommissionFailsAfterCutOver_CompensatesNothingAndReportsFailed()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy().On(A.DecommissionSource, (_, _) => MigrationFakes.Failure());

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single()));

        // Assert
        Assert.Equal(MigrationStatus.Failed, outcome.Status);
        Assert.Empty(outcome.Compensations);
        Assert.DoesNotContain(A.RestoreTraffic, harness.CallNames);
        Assert.Contains("DecommissionSource failed", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Completed_RemovesTheSourceEndpointFromTheProfileBeforeDeletingTheSource()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single(targets: 2)));

        // Assert
        Assert.Equal(MigrationStatus.Completed, outcome.Status);
        var names = harness.CallNames;
        var decommission = names.ToList().IndexOf(A.DecommissionSource);
        Assert.Equal(A.SetTraffic, names[decommission - 1]);
        var cutOver = JsonDocument.Parse(harness.Calls.Where(c => c.Name == A.SetTraffic).Reverse().Skip(1).First().Input!).RootElement.GetProperty("endpoints");
        var final = JsonDocument.Parse(harness.Calls[decommission - 1].Input!).RootElement;
        Assert.Equal(100, final.GetProperty("targetPercent").GetInt32());
        var endpoints = final.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(cutOver.EnumerateArray().Skip(1).Select(e => e.GetProperty("name").GetString()), endpoints);
        Assert.Equal(2, endpoints.Count);
        Assert.Equal(0, cutOver[0].GetProperty("weight").GetInt32());
        Assert.DoesNotContain(cutOver[0].GetProperty("name").GetString(), endpoints);
    }

    [Fact]
    public void Run_TransientFailureWithRetryAfter_RetriesOnATimerAndCompletes()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();
        var healthy = Healthy(A.ProvisionTarget);
        harness.On(A.ProvisionTarget, (input, n) => n <= 2 ? MigrationFakes.Failure("TooManyRequests", "429", transient: true, retryAfter: TimeSpan.FromSeconds(7)) : healthy(input, n));

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single()));

        // Assert
        Assert.Equal(MigrationStatus.Completed, outcome.Status);
        Assert.Equal(3, harness.CallNames.Count(n => n == A.ProvisionTarget));
    }

    [Fact]
    public void Run_TransientFailureThatNeverClears_GivesUpAfterTheAttemptsAndRollsBack()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy().On(A.ProvisionTarget, (_, _) => MigrationFakes.Failure("InternalServerError", "500", transient: true));

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single()));

        // Assert
        Assert.Equal(MigrationStatus.RolledBack, outcome.Status);
        Assert.Equal(5, harness.CallNames.Count(n => n == A.ProvisionTarget));
        Assert.Equal(AfterProvision, outcome.Compensations);
    }

    [Fact]
    public void Run_ActivityThrows_RetriesThenRollsBackWithTheExceptionInTheReason()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy().On(A.ReplicateCycle, (_, _) => throw new InvalidDataException("manifest corrupt"));

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single()));

        // Assert
        Assert.Equal(MigrationStatus.RolledBack, outcome.Status);
        Assert.Equal(3, harness.CallNames.Count(n => n == A.ReplicateCycle));
        Assert.Equal(AfterReplication, outcome.Compensations);
        Assert.Contains("manifest corrupt", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LagNeverBelowRpo_RollsBackAfterTheAllowedCycles()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy()
            .On(A.ReplicateCycle, (input, _) => StepResult<ReplicationCycle>.Success(MigrationFakes.Cycle(input, TimeSpan.FromMinutes(2))));

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single()));

        // Assert
        Assert.Equal(MigrationStatus.RolledBack, outcome.Status);
        Assert.Equal(1 + 5, harness.CallNames.Count(n => n == A.ReplicateCycle));
        Assert.Contains("above the RPO", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(AfterReplication, outcome.Compensations);
    }

    [Fact]
    public void Run_ApprovalGranted_ProceedsWithTheSteps()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy().RaiseAtStart(MigrationEvents.Approval, new ApprovalDecision(true, "alice"));

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single() with { ApprovalRequired = true }));

        // Assert
        Assert.Equal(MigrationStatus.Completed, outcome.Status);
        Assert.Equal(MigrationStep.Approval, outcome.StepsStarted[0]);
        Assert.Equal(HappyPath, Forward(harness));
    }

    [Fact]
    public void Run_ApprovalTimesOut_IsRejectedWithoutTouchingAnything()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single() with { ApprovalRequired = true, ApprovalTimeout = TimeSpan.FromHours(2) }));

        // Assert
        Assert.Equal(MigrationStatus.Rejected, outcome.Status);
        Assert.Contains("Not approved within 02:00:00", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(Forward(harness));
        Assert.Empty(outcome.Compensations);
        Assert.Equal(WorkflowHarness.T0.AddHours(2), harness.Now);
    }

    [Fact]
    public void Run_ApprovalRejected_IsRejectedWithTheOperatorsReason()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy().RaiseAtStart(MigrationEvents.Approval, new ApprovalDecision(false, "bob", "not during the sale"));

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single() with { ApprovalRequired = true }));

        // Assert
        Assert.Equal(MigrationStatus.Rejected, outcome.Status);
        Assert.Equal("Rejected by bob: not during the sale", outcome.Reason);
        Assert.Empty(Forward(harness));
    }

    [Fact]
    public void Run_CancelledWhileAwaitingApproval_EndsCancelledWithNothingToUndo()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy().RaiseAtStart(MigrationEvents.Cancel, new CancelRequest("no longer needed", "carol"));

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single() with { ApprovalRequired = true }));

        // Assert
        Assert.Equal(MigrationStatus.Cancelled, outcome.Status);
        Assert.Equal("Cancelled by carol: no longer needed", outcome.Reason);
        Assert.Empty(Forward(harness));
    }

    [Fact]
    public void Run_CancelledAfterProvisioning_UndoesProvisionAndReservationOnly()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy().RaiseAfter(A.ProvisionTarget, 1, MigrationEvents.Cancel, new CancelRequest("operator"));

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single()));

        // Assert
        Assert.Equal(MigrationStatus.Cancelled, outcome.Status);
        Assert.Equal(AfterProvision, outcome.Compensations);
        Assert.Equal(AfterProvision, CallsAfterFailure(harness, A.ProvisionTarget, 1));
    }

    [Fact]
    public void Run_CancelledDuringBakeTime_StopsWaitingAndMovesTrafficBack()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy().RaiseAfter(A.SetTraffic, 1, MigrationEvents.Cancel, null);

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single()));

        // Assert
        Assert.Equal(MigrationStatus.Cancelled, outcome.Status);
        Assert.DoesNotContain(A.VerifyHealth, harness.CallNames);
        Assert.Equal(AfterShift, outcome.Compensations);
        Assert.True(harness.Now < WorkflowHarness.T0.AddMinutes(5), $"the bake timer should not have been waited out; clock at {harness.Now:O}");
    }

    [Fact]
    public void Run_CancelAfterCutOver_IsIgnoredAndTheMigrationCompletes()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy().RaiseAfter(A.VerifyHealth, 3, MigrationEvents.Cancel, null);

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single()));

        // Assert
        Assert.Equal(MigrationStatus.Completed, outcome.Status);
        Assert.Empty(outcome.Compensations);
    }

    [Fact]
    public void Run_DryRun_SchedulesNothingButTheRecord()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single() with { DryRun = true, ApprovalRequired = true }));

        // Assert
        Assert.Equal(MigrationStatus.DryRun, outcome.Status);
        Assert.Equal([A.RecordStep], harness.CallNames);
        using var record = JsonDocument.Parse(harness.Calls[0].Input!);
        Assert.Equal("mig-1", record.RootElement.GetProperty("decision").GetProperty("migrationId").GetString());
    }

    [Fact]
    public void Run_EveryEpisode_CustomStatusShowsStepAndProgress()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();

        // Act
        harness.Run(MigrationOrchestrator.Name, TestDecisions.Single());

        // Assert
        var progress = new List<int>();
        foreach (var status in harness.Statuses)
        {
            Assert.NotNull(status);
            var view = JsonSerializer.Deserialize<MigrationStatusView>(status, WorkflowHarness.Options.SerializerOptions)!;
            Assert.Equal("mig-1", view.MigrationId);
            Assert.InRange(view.StepNumber, 1, view.StepCount);
            progress.Add(view.Progress);
        }

        Assert.Equal(progress.Order(), progress);
        Assert.Equal(100, progress[^1]);
    }

    [Fact]
    public void Run_SplitAcrossTwoTargets_ProvisionsBothAndUndoesBothWhenTheSecondFails()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();
        var healthy = Healthy(A.ProvisionTarget);
        harness.On(A.ProvisionTarget, (input, n) => n == 2 ? MigrationFakes.Failure("AllocationFailed", "no capacity") : healthy(input, n));

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single(targets: 2)));

        // Assert
        Assert.Equal(MigrationStatus.RolledBack, outcome.Status);
        Assert.Equal([A.DeleteTarget, A.DeleteTarget, A.ReleaseCapacity, A.ReleaseCapacity], outcome.Compensations);
        var deleted = harness.Calls.Where(c => c.Name == A.DeleteTarget).Select(c => JsonDocument.Parse(c.Input!).RootElement.GetProperty("vmName").GetString()).ToList();
        Assert.Equal(["web-01-vm-m1", "web-01-vm-m0"], deleted);
    }

    [Fact]
    public void Run_PhasedSizing_GrowsTheTargetWhenThePhaseIsDue()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();
        var phases = new[] { new SizingPhase(TestDecisions.T0, "Standard_D2s_v5", 2), new SizingPhase(TestDecisions.T0.AddMinutes(3), "Standard_D8s_v5", 8) };

        // Act
        var outcome = harness.Result<MigrationOutcome>(harness.Run(MigrationOrchestrator.Name, TestDecisions.Single(phases: phases)));

        // Assert
        Assert.Equal(MigrationStatus.Completed, outcome.Status);
        var names = Forward(harness);
        Assert.Single(names, n => n == A.ResizeTarget);
        Assert.Equal("Standard_D2s_v5", JsonDocument.Parse(harness.Calls.First(c => c.Name == A.ProvisionTarget).Input!).RootElement.GetProperty("size").GetString());
        Assert.Equal("Standard_D8s_v5", JsonDocument.Parse(harness.Calls.First(c => c.Name == A.ResizeTarget).Input!).RootElement.GetProperty("size").GetString());
        var reserve = JsonDocument.Parse(harness.Calls.First(c => c.Name == A.ReserveCapacity).Input!).RootElement;
        Assert.Equal(8, reserve.GetProperty("cores").GetInt32());
    }

    [Fact]
    public void Run_ResourceNamesAndKeys_AreDerivedFromTheDecisionAndStableAcrossRuns()
    {
        // Arrange
        var first = new WorkflowHarness().Healthy();
        var second = new WorkflowHarness().Healthy();

        // Act
        first.Run(MigrationOrchestrator.Name, TestDecisions.Single());
        second.Run(MigrationOrchestrator.Name, TestDecisions.Single());

        // Assert
        Assert.Equal(first.Calls, second.Calls);
        var provision = JsonDocument.Parse(first.Calls.First(c => c.Name == A.ProvisionTarget).Input!).RootElement;
        Assert.Equal("web-01-vm-m0", provision.GetProperty("vmName").GetString());
        Assert.Equal("mig-1:provision:t0", provision.GetProperty("idempotencyKey").GetString());
        Assert.Equal("mig-1:t0", JsonDocument.Parse(first.Calls.First(c => c.Name == A.ReserveCapacity).Input!).RootElement.GetProperty("key").GetString());
        Assert.Equal("mig-1-t0", JsonDocument.Parse(first.Calls.First(c => c.Name == A.ReplicateCycle).Input!).RootElement.GetProperty("migrationId").GetString());
        var sequences = first.Calls.Where(c => c.Name == A.RecordStep)
            .Select(c => JsonDocument.Parse(c.Input!).RootElement.GetProperty("progress").GetProperty("entry").GetProperty("sequence").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(0, sequences.Count), sequences);
    }

    [Fact]
    public void Run_InvalidDecision_FailsNamingTheField()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();

        // Act
        var completion = harness.Run(MigrationOrchestrator.Name, TestDecisions.Single() with { TrafficSteps = [50, 10] });

        // Assert
        Assert.Equal(OrchestrationStatus.Failed, completion.OrchestrationStatus);
        Assert.Contains("TrafficSteps", completion.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(harness.Calls);
    }

    [Fact]
    public void Run_DecisionWithANonPositiveDiskSize_FailsNamingTheField()
    {
        // Arrange
        var harness = new WorkflowHarness().Healthy();
        var decision = TestDecisions.Single();

        // Act
        var completion = harness.Run(MigrationOrchestrator.Name, decision with { Source = decision.Source with { DiskBytes = 0 } });

        // Assert
        Assert.Equal(OrchestrationStatus.Failed, completion.OrchestrationStatus);
        Assert.Contains("Source.DiskBytes", completion.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(harness.Calls);
    }

    [Fact]
    public void Decision_Json_DiskBytesIsOptionalAndRoundTrips()
    {
        // Arrange: a decision recorded before the field existed has no diskBytes in its source.
        var options = WorkflowHarness.Options.SerializerOptions;
        var decision = TestDecisions.Single();
        var old = JsonNode.Parse(JsonSerializer.Serialize(decision, options))!;
        old["source"]!.AsObject().Remove("diskBytes");
        var sized = decision with { Source = decision.Source with { DiskBytes = 64_000_000_000 } };

        // Act
        var read = JsonSerializer.Deserialize<MigrationDecision>(old.ToJsonString(), options)!;
        var roundTrip = JsonSerializer.Deserialize<MigrationDecision>(JsonSerializer.Serialize(sized, options), options)!;

        // Assert
        Assert.Null(read.Source.DiskBytes);
        Assert.Equal(TestDecisions.Source(), read.Source);
        Assert.Equal(64_000_000_000, roundTrip.Source.DiskBytes);
    }

    private static Func<JsonElement, int, object?> Healthy(string activity) => (input, _) => HealthyAnswer(activity, input);

    private static object? HealthyAnswer(string activity, JsonElement input) => activity switch
    {
        A.ReserveCapacity => StepResult<int>.Success(input.GetProperty("cores").GetInt32()),
        A.ProvisionTarget => StepResult<string>.Success("/vm/x"),
        A.ReplicateCycle => StepResult<ReplicationCycle>.Success(MigrationFakes.Cycle(input, TimeSpan.FromSeconds(5))),
        A.SetTraffic => StepResult<int>.Success(input.GetProperty("targetPercent").GetInt32()),
        A.VerifyHealth => StepResult<string>.Success("healthy"),
        _ => StepResult<bool>.Success(true),
    };

    /// <summary>The activities other than recording, in call order.</summary>
    private static List<string> Forward(WorkflowHarness harness) => [.. harness.CallNames.Where(n => n != A.RecordStep)];

    /// <summary>The activities (other than recording) called after the <paramref name="call"/>-th call of <paramref name="failing"/>.</summary>
    private static List<string> CallsAfterFailure(WorkflowHarness harness, string failing, int call)
    {
        var names = Forward(harness);
        var seen = 0;
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == failing && ++seen == call)
            {
                return names[(i + 1)..];
            }
        }

        throw new InvalidOperationException($"{failing} was not called {call} times.");
    }
}
