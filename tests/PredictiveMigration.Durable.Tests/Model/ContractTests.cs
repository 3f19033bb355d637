using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Model;

/// <summary>Our generated contracts against bytes assembled by hand from PROTOCOL.md §4.1's field numbers.</summary>
public sealed class ContractTests
{
    [Theory]
    [InlineData(3, HistoryEvent.EventTypeOneofCase.ExecutionStarted)]
    [InlineData(4, HistoryEvent.EventTypeOneofCase.ExecutionCompleted)]
    [InlineData(5, HistoryEvent.EventTypeOneofCase.ExecutionTerminated)]
    [InlineData(6, HistoryEvent.EventTypeOneofCase.TaskScheduled)]
    [InlineData(7, HistoryEvent.EventTypeOneofCase.TaskCompleted)]
    [InlineData(8, HistoryEvent.EventTypeOneofCase.TaskFailed)]
    [InlineData(9, HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated)]
    [InlineData(10, HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCompleted)]
    [InlineData(11, HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceFailed)]
    [InlineData(12, HistoryEvent.EventTypeOneofCase.TimerCreated)]
    [InlineData(13, HistoryEvent.EventTypeOneofCase.TimerFired)]
    [InlineData(14, HistoryEvent.EventTypeOneofCase.OrchestratorStarted)]
    [InlineData(15, HistoryEvent.EventTypeOneofCase.OrchestratorCompleted)]
    [InlineData(16, HistoryEvent.EventTypeOneofCase.EventSent)]
    [InlineData(17, HistoryEvent.EventTypeOneofCase.EventRaised)]
    [InlineData(18, HistoryEvent.EventTypeOneofCase.GenericEvent)]
    [InlineData(19, HistoryEvent.EventTypeOneofCase.HistoryState)]
    [InlineData(20, HistoryEvent.EventTypeOneofCase.ContinueAsNew)]
    [InlineData(21, HistoryEvent.EventTypeOneofCase.ExecutionSuspended)]
    [InlineData(22, HistoryEvent.EventTypeOneofCase.ExecutionResumed)]
    [InlineData(25, HistoryEvent.EventTypeOneofCase.None)]
    public void HistoryEvent_KindFieldNumber_ParsesAsThatKind(int field, HistoryEvent.EventTypeOneofCase expected)
    {
        // Arrange
        byte[] bytes = new ProtoWriter().Varint(1, 7).Message(field, _ => { }).ToArray();

        // Act
        HistoryEvent parsed = HistoryEvent.Parser.ParseFrom(bytes);

        // Assert
        Assert.Equal(expected, parsed.EventTypeCase);
        Assert.Equal(7, parsed.EventId);
    }

    [Fact]
    public void HistoryEvent_HandBuiltCompletionPayloads_ReadTheRightFields()
    {
        // Arrange
        byte[] taskFailed = new ProtoWriter().Message(8, f => f.Varint(1, 3).Message(2, d => d
            .String(1, "System.IO.IOException").String(2, "disk").StringValue(3, "at X()")
            .Message(4, inner => inner.String(1, "Inner").String(2, "cause")).Varint(5, 1))).ToArray();
        byte[] timerFired = new ProtoWriter().Message(13, t => t.Timestamp(1, OrchestrationHarness.T0).Varint(2, 4)).ToArray();
        byte[] eventRaised = new ProtoWriter().Message(17, e => e.String(1, "go").StringValue(2, "\"v\"")).ToArray();

        // Act
        TaskFailedEvent failed = HistoryEvent.Parser.ParseFrom(taskFailed).TaskFailed;
        TimerFiredEvent fired = HistoryEvent.Parser.ParseFrom(timerFired).TimerFired;
        EventRaisedEvent raised = HistoryEvent.Parser.ParseFrom(eventRaised).EventRaised;

        // Assert
        Assert.Equal(3, failed.TaskScheduledId);
        Assert.Equal(("System.IO.IOException", "disk", "at X()", true), (failed.FailureDetails.ErrorType, failed.FailureDetails.ErrorMessage, failed.FailureDetails.StackTrace, failed.FailureDetails.IsNonRetriable));
        Assert.Equal("cause", failed.FailureDetails.InnerFailure.ErrorMessage);
        Assert.Equal((OrchestrationHarness.T0, 4), (fired.FireAt.ToDateTime(), fired.TimerId));
        Assert.Equal(("go", "\"v\""), (raised.Name, raised.Input));
    }

    [Theory]
    [InlineData(2, OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask)]
    [InlineData(3, OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration)]
    [InlineData(4, OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer)]
    [InlineData(5, OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent)]
    [InlineData(6, OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration)]
    public void OrchestratorAction_KindFieldNumber_ParsesAsThatKind(int field, OrchestratorAction.OrchestratorActionTypeOneofCase expected)
    {
        // Arrange
        byte[] bytes = new ProtoWriter().Varint(1, 9).Message(field, _ => { }).ToArray();

        // Act
        OrchestratorAction parsed = OrchestratorAction.Parser.ParseFrom(bytes);

        // Assert
        Assert.Equal(expected, parsed.OrchestratorActionTypeCase);
        Assert.Equal(9, parsed.Id);
    }

    [Fact]
    public void CompleteOrchestrationAction_OurBytes_EqualTheHandBuiltBytes()
    {
        // Arrange: 1 status, 2 result, 5 carryoverEvents, 6 failureDetails.
        var action = new OrchestratorAction
        {
            Id = 2,
            CompleteOrchestration = new CompleteOrchestrationAction
            {
                OrchestrationStatus = OrchestrationStatus.Failed,
                Result = "boom",
                CarryoverEvents = { new HistoryEvent { EventId = -1, EventRaised = new EventRaisedEvent { Name = "e" } } },
                FailureDetails = new TaskFailureDetails { ErrorType = "T", ErrorMessage = "boom" },
            },
        };
        byte[] expected = new ProtoWriter().Varint(1, 2).Message(6, c => c
            .Varint(1, 3)
            .StringValue(2, "boom")
            .Message(5, e => e.Varint(1, -1).Message(17, r => r.String(1, "e")))
            .Message(6, d => d.String(1, "T").String(2, "boom"))).ToArray();

        // Act
        byte[] actual = Google.Protobuf.MessageExtensions.ToByteArray(action);

        // Assert
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
    }

    [Theory]
    [InlineData(0, OrchestrationStatus.Running)]
    [InlineData(1, OrchestrationStatus.Completed)]
    [InlineData(2, OrchestrationStatus.ContinuedAsNew)]
    [InlineData(3, OrchestrationStatus.Failed)]
    [InlineData(4, OrchestrationStatus.Canceled)]
    [InlineData(5, OrchestrationStatus.Terminated)]
    [InlineData(6, OrchestrationStatus.Pending)]
    [InlineData(7, OrchestrationStatus.Suspended)]
    public void OrchestrationStatus_WireValue_MatchesTheProtocol(int wire, OrchestrationStatus expected)
    {
        // Arrange
        byte[] bytes = new ProtoWriter().Varint(1, wire).ToArray();

        // Act
        CompleteOrchestrationAction parsed = CompleteOrchestrationAction.Parser.ParseFrom(bytes);

        // Assert
        Assert.Equal(expected, parsed.OrchestrationStatus);
    }

    [Fact]
    public void ClientMessages_HandBuiltBytes_ReadTheRightFields()
    {
        // Arrange
        byte[] create = new ProtoWriter().String(1, "i1").String(2, "Migrate").StringValue(4, "{}").Message(9, t => t.String(1, "00-abc-def-01")).ToArray();
        byte[] get = new ProtoWriter().Varint(1, 1).Message(2, s => s.String(1, "i1").String(2, "Migrate").Varint(4, 3).StringValue(9, "\"out\"").StringValue(10, "\"st\"")).ToArray();
        byte[] raise = new ProtoWriter().String(1, "i1").String(2, "approve").StringValue(3, "true").ToArray();
        byte[] terminate = new ProtoWriter().String(1, "i1").StringValue(2, "\"why\"").Varint(3, 1).ToArray();

        // Act
        CreateInstanceRequest createRequest = CreateInstanceRequest.Parser.ParseFrom(create);
        GetInstanceResponse getResponse = GetInstanceResponse.Parser.ParseFrom(get);
        RaiseEventRequest raiseRequest = RaiseEventRequest.Parser.ParseFrom(raise);
        TerminateRequest terminateRequest = TerminateRequest.Parser.ParseFrom(terminate);

        // Assert
        Assert.Equal(("i1", "Migrate", "{}", "00-abc-def-01"), (createRequest.InstanceId, createRequest.Name, createRequest.Input, createRequest.ParentTraceContext.TraceParent));
        Assert.True(getResponse.Exists);
        Assert.Equal((OrchestrationStatus.Failed, "\"out\"", "\"st\""), (getResponse.OrchestrationState.OrchestrationStatus, getResponse.OrchestrationState.Output, getResponse.OrchestrationState.CustomStatus));
        Assert.Equal(("approve", "true"), (raiseRequest.Name, raiseRequest.Input));
        Assert.Equal(("\"why\"", true), (terminateRequest.Output, terminateRequest.Recursive));
    }

    [Fact]
    public void TaskHubSidecarService_Descriptor_HasNoPackageSoPathsAreBare()
    {
        // Arrange
        Google.Protobuf.Reflection.FileDescriptor file = OrchestratorServiceReflection.Descriptor;

        // Act
        Google.Protobuf.Reflection.ServiceDescriptor service = Assert.Single(file.Services);

        // Assert
        Assert.Equal(string.Empty, file.Package);
        Assert.Equal("TaskHubSidecarService", service.FullName);
        Assert.Contains(service.Methods, m => m.Name == "StartInstance" && m.InputType == CreateInstanceRequest.Descriptor);
        Assert.Contains(service.Methods, m => m.Name == "RaiseEvent");
        Assert.Contains(service.Methods, m => m.Name == "TerminateInstance");
        Assert.Contains(service.Methods, m => m.Name == "GetInstance" && m.OutputType == GetInstanceResponse.Descriptor);
    }
}
