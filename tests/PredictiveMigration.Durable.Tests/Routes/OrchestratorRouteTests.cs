using System.Text.Json;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Replay;
using PredictiveMigration.Durable.Routes;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Routes;

public sealed class OrchestratorRouteTests
{
    private static readonly DateTime T0 = OrchestrationHarness.T0;

    private static OrchestratorRoute Route() => new(new OrchestrationExecutor(new DurableTaskRegistry()
        .AddOrchestrator<string, string>("Greet", (context, name) => context.CallActivityAsync<string>("SayHello", name))
        .AddOrchestrator<string?, string>("Broken", (_, _) => throw new InvalidOperationException("broken on purpose"))));

    // OrchestratorRequest{1 instanceId, 4 newEvents[{1 eventId, 2 timestamp, 14 orchestratorStarted},
    // {1, 2, 3 executionStarted{1 name, 3 input: StringValue, 4 orchestrationInstance{1 instanceId}}}]} by hand.
    private static byte[] HandBuiltRequest(string orchestrator) => new ProtoWriter()
        .String(1, "inst1")
        .Message(4, e => e.Varint(1, -1).Timestamp(2, T0).Message(14, _ => { }))
        .Message(4, e => e.Varint(1, -1).Timestamp(2, T0).Message(3, started => started
            .String(1, orchestrator)
            .StringValue(3, "\"Tokyo\"")
            .Message(4, instance => instance.String(1, "inst1"))))
        .ToArray();

    // The host's envelope (PROTOCOL.md §3.2): Data.context is a JSON string whose content is a quoted base64 string.
    private static string HostBody(byte[] request) =>
        "{\"Data\":{\"context\":\"\\\"" + Convert.ToBase64String(request) + "\\\"\"},\"Metadata\":{\"sys\":{\"MethodName\":\"Greet\",\"UtcNow\":\"2026-01-01T00:00:00Z\",\"RandGuid\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}}}";

    private static byte[] ReturnValueBytes(RouteResponse response)
    {
        using JsonDocument document = JsonDocument.Parse(response.Body);
        JsonProperty only = Assert.Single(document.RootElement.EnumerateObject());
        Assert.Equal("ReturnValue", only.Name);
        Assert.Equal(JsonValueKind.String, only.Value.ValueKind);
        return Convert.FromBase64String(only.Value.GetString()!);
    }

    [Fact]
    public void Handle_HostEnvelopeWithHandBuiltRequest_AnswersTheHandBuiltResponseBytes()
    {
        // Arrange
        string body = HostBody(HandBuiltRequest("Greet"));

        // OrchestratorResponse{1 instanceId, 2 actions[{(1 id = 0 omitted) 2 scheduleTask{1 name, 3 input}}], 6 trace{}}.
        byte[] expected = new ProtoWriter()
            .String(1, "inst1")
            .Message(2, action => action.Message(2, task => task.String(1, "SayHello").StringValue(3, "\"Tokyo\"")))
            .Message(6, _ => { })
            .ToArray();

        // Act
        RouteResponse response = Route().Handle(body);

        // Assert
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(ReturnValueBytes(response)));
    }

    [Fact]
    public void DecodeRequest_SingleEncodedBase64_IsAcceptedToo()
    {
        // Arrange
        byte[] request = HandBuiltRequest("Greet");
        string body = "{\"Data\":{\"context\":\"" + Convert.ToBase64String(request) + "\"}}";

        // Act
        OrchestratorRequest decoded = OrchestratorRoute.DecodeRequest(System.Text.Encoding.UTF8.GetBytes(body));

        // Assert
        Assert.Equal("inst1", decoded.InstanceId);
        Assert.Equal("Greet", decoded.NewEvents[1].ExecutionStarted.Name);
        Assert.Equal("\"Tokyo\"", decoded.NewEvents[1].ExecutionStarted.Input);
        Assert.Equal(-1, decoded.NewEvents[0].EventId);
    }

    [Fact]
    public void Handle_OrchestratorThrows_Answers200WithAFailedCompletion()
    {
        // Arrange
        string body = HostBody(HandBuiltRequest("Broken"));

        // Act
        RouteResponse response = Route().Handle(body);

        // Assert
        Assert.Equal(200, response.StatusCode);
        OrchestratorResponse decoded = OrchestratorResponse.Parser.ParseFrom(ReturnValueBytes(response));
        CompleteOrchestrationAction failed = ResponseAssert.SingleCompletion(decoded, 0, OrchestrationStatus.Failed);
        Assert.Equal("System.InvalidOperationException", failed.FailureDetails.ErrorType);
        Assert.Equal("broken on purpose", failed.FailureDetails.ErrorMessage);
    }

    [Theory]
    [InlineData("""{"nope":1}""")]
    [InlineData("""{"Data":{"context":"\"not base64!\""}}""")]
    [InlineData("not json")]
    public void Handle_UnreadableRequest_Answers200WithAFailedCompletion(string body)
    {
        // Arrange
        OrchestratorRoute route = Route();

        // Act
        RouteResponse response = route.Handle(body);

        // Assert
        Assert.Equal(200, response.StatusCode);
        OrchestratorResponse decoded = OrchestratorResponse.Parser.ParseFrom(ReturnValueBytes(response));
        Assert.Equal("System.FormatException", ResponseAssert.SingleCompletion(decoded, 0, OrchestrationStatus.Failed).FailureDetails.ErrorType);
    }

    [Fact]
    public void Handle_BindingNamedDifferently_UsesTheOnlyDataEntry()
    {
        // Arrange
        string body = "{\"Data\":{\"ctx\":\"\\\"" + Convert.ToBase64String(HandBuiltRequest("Greet")) + "\\\"\"},\"Metadata\":{}}";

        // Act
        RouteResponse response = Route().Handle(body);

        // Assert
        OrchestratorResponse decoded = OrchestratorResponse.Parser.ParseFrom(ReturnValueBytes(response));
        ResponseAssert.SingleActivity(decoded, 0, "SayHello");
    }
}
