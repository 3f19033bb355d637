using System.Text.Json;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Routes;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Routes;

public sealed class ActivityRouteTests
{
    private static readonly DurableTaskRegistry Registry = new DurableTaskRegistry()
        .AddActivity<string?, string>("SayHello", (context, name, _) => Task.FromResult($"Hello {name ?? "nobody"} from {context.InstanceId}"))
        .AddActivity<ServerSpec, int>("Cores", (_, spec, _) => Task.FromResult(spec.Cores * 2))
        .AddActivity<string?, string>("Quota", (_, _, _) => throw new InvalidOperationException("quota exceeded"))
        .AddActivity<string?, string>("Slow", (_, _, cancellationToken) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult("fast");
        });

    // What the host sends for an input whose JSON text is `jsonText` (PROTOCOL.md §0, §3.3): JSON-encoded twice.
    private static string HostEncoded(string jsonText) => JsonSerializer.Serialize(JsonSerializer.Serialize(jsonText));

    private static JsonElement ReturnValue(RouteResponse response)
    {
        using JsonDocument document = JsonDocument.Parse(response.Body);
        return document.RootElement.GetProperty("ReturnValue").Clone();
    }

    [Fact]
    public async Task HandleAsync_StringInputDoubleEncodedAsInTheProtocol_RunsTheActivityWithTheValue()
    {
        // Arrange: verbatim from PROTOCOL.md §3.3 ("Tokyo" arrives as "\"\\\"Tokyo\\\"\"").
        const string Body = """{"Data":{"input":"\"\\\"Tokyo\\\"\""},"Metadata":{"input":"\"\\\"Tokyo\\\"\"","data":"\"Tokyo\"","instanceId":"\"abc123\"","sys":{"MethodName":"SayHello","UtcNow":"2026-01-01T00:00:00+00:00","RandGuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}}}""";
        var route = new ActivityRoute(Registry);

        // Act
        RouteResponse response = await route.HandleAsync("SayHello", Body, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"ReturnValue":{"pmActivityResult":1,"ok":true,"output":"\"Hello Tokyo from abc123\""}}""", response.Body);
    }

    [Fact]
    public async Task HandleAsync_NullInput_RunsTheActivityWithDefault()
    {
        // Arrange
        const string Body = """{"Data":{"input":"null"},"Metadata":{"instanceId":"\"i-9\""}}""";
        var route = new ActivityRoute(Registry);

        // Act
        RouteResponse response = await route.HandleAsync("sayhello", Body, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("\"Hello nobody from i-9\"", ReturnValue(response).GetProperty("output").GetString());
    }

    [Fact]
    public async Task HandleAsync_ObjectInput_IsDeserializedWithWebDefaults()
    {
        // Arrange
        string body = "{\"Data\":{\"input\":" + HostEncoded("""{"name":"vm-1","cores":4}""") + "},\"Metadata\":{}}";
        var route = new ActivityRoute(Registry);

        // Act
        RouteResponse response = await route.HandleAsync("Cores", body, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("8", ReturnValue(response).GetProperty("output").GetString());
    }

    [Fact]
    public async Task HandleAsync_ActivityThrows_Answers200WithAFailureEnvelope()
    {
        // Arrange
        string body = "{\"Data\":{\"input\":" + HostEncoded("\"x\"") + "}}";
        var route = new ActivityRoute(Registry);

        // Act
        RouteResponse response = await route.HandleAsync("Quota", body, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(200, response.StatusCode);
        JsonElement envelope = ReturnValue(response);
        Assert.False(envelope.GetProperty("ok").GetBoolean());
        Assert.Equal("System.InvalidOperationException", envelope.GetProperty("failure").GetProperty("errorType").GetString());
        Assert.Equal("quota exceeded", envelope.GetProperty("failure").GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task HandleAsync_FailureEnvelopeBackInTheOrchestration_BecomesTaskFailedExceptionWithTypeAndMessage()
    {
        // Arrange: the extension re-serializes ReturnValue compactly into taskCompleted.result (PROTOCOL.md §3.3).
        RouteResponse activity = await new ActivityRoute(Registry).HandleAsync("Quota", """{"Data":{"input":"null"}}""", TestContext.Current.CancellationToken);
        string taskCompletedResult = ReturnValue(activity).GetRawText();
        var orchestrators = new DurableTaskRegistry().AddOrchestrator<string?, string>("Caller", async (context, _) =>
        {
            try
            {
                return await context.CallActivityAsync<string>("Quota");
            }
            catch (TaskFailedException exception)
            {
                return exception.FailureDetails.ErrorType + ": " + exception.FailureDetails.ErrorMessage;
            }
        });
        var harness = new OrchestrationHarness(orchestrators);
        harness.Start("Caller", null);

        // Act
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskCompleted(0, taskCompletedResult));

        // Assert
        Assert.Equal(
            "\"System.InvalidOperationException: quota exceeded\"",
            ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public async Task HandleAsync_UnknownActivity_Answers200WithAFailureNamingIt()
    {
        // Arrange
        var route = new ActivityRoute(Registry);

        // Act
        RouteResponse response = await route.HandleAsync("Nope", """{"Data":{"input":"null"}}""", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(200, response.StatusCode);
        Assert.Contains("'Nope'", ReturnValue(response).GetProperty("failure").GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_BodyIsNotAnEnvelope_Answers400()
    {
        // Arrange
        var route = new ActivityRoute(Registry);

        // Act
        RouteResponse response = await route.HandleAsync("SayHello", "{\"Data\":", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_InvocationCancelled_AnswersNon2xx()
    {
        // Arrange
        var route = new ActivityRoute(Registry);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        // Act
        RouteResponse response = await route.HandleAsync("Slow", """{"Data":{"input":"null"}}""", cancellation.Token);

        // Assert
        Assert.Equal(500, response.StatusCode);
    }

    [Fact]
    public void DecodeRequest_InstanceIdDoubleEncoded_IsDecodedOnce()
    {
        // Arrange
        byte[] body = """{"Data":{"input":"\"5\""},"Metadata":{"instanceId":"\"abc123\""}}"""u8.ToArray();

        // Act
        ActivityInvocation invocation = ActivityRoute.DecodeRequest(body);

        // Assert
        Assert.Equal("5", invocation.InputJson);
        Assert.Equal("abc123", invocation.InstanceId);
    }
}
