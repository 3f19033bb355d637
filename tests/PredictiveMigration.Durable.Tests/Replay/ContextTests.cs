using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Replay;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Replay;

public sealed class ContextTests
{
    private static readonly DateTime T0 = OrchestrationHarness.T0;

    [Fact]
    public void CurrentUtcDateTime_AcrossEpisodes_FollowsTheOrchestratorStartedTimestamps()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Clock", async (context, _) =>
        {
            DateTime before = context.CurrentUtcDateTime;
            await context.CallActivityAsync("A");
            return $"{before:O}|{context.CurrentUtcDateTime:O}|{context.CurrentUtcDateTime.Kind}";
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Clock", null);

        // Act
        OrchestratorResponse done = harness.At(T0.AddSeconds(42)).Deliver(Events.TaskCompleted(0, null));

        // Assert
        Assert.Equal(
            "\"2026-01-01T00:00:00.0000000Z|2026-01-01T00:00:42.0000000Z|Utc\"",
            ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void NewGuid_ReadmeCheckValues_AreReproduced()
    {
        // Arrange
        DateTime now = T0;

        // Act
        Guid first = DeterministicGuid.Create("inst1", now, 0);
        Guid second = DeterministicGuid.Create("inst1", now, 1);

        // Assert
        Assert.Equal(Guid.Parse("a270242c-6a6c-574d-9946-d50f47638b16"), first);
        Assert.Equal(Guid.Parse("530359c5-432d-5e8f-b062-851993e4910a"), second);
    }

    [Fact]
    public void CreateVersion5_Rfc4122DnsExample_MatchesTheKnownUuid()
    {
        // Arrange: uuid5(NAMESPACE_DNS, "python.org") = 886313e1-3b8a-5372-9b90-0c9aee199e5d.
        var dns = Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        // Act
        Guid value = DeterministicGuid.CreateVersion5(dns, "python.org"u8);

        // Assert
        Assert.Equal(Guid.Parse("886313e1-3b8a-5372-9b90-0c9aee199e5d"), value);
    }

    [Fact]
    public void Logger_WhileReplaying_WritesNothing()
    {
        // Arrange
        var sink = new RecordingLogSink();
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Chatty", async (context, _) =>
        {
            context.Logger.LogInformation("Starting {Instance}", context.InstanceId);
            await context.CallActivityAsync("A");
            context.Logger.LogInformation("Finished {Replaying}", context.IsReplaying);
            return "ok";
        });
        var harness = new OrchestrationHarness(registry, new DurableTaskOptions { LogSink = sink });

        // Act
        harness.Start("Chatty", null);
        harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskCompleted(0, null));

        // Assert
        Assert.Equal(["Starting {Instance}:inst1", "Finished {Replaying}:False"], sink.Entries);
    }

    [Fact]
    public void SetCustomStatus_LaterEpisodes_RepeatTheStatusUntilCleared()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Status", async (context, _) =>
        {
            context.SetCustomStatus(new { Phase = "copy", Percent = 10 });
            await context.CallActivityAsync("Copy");
            await context.CallActivityAsync("Verify");
            context.SetCustomStatus(null);
            return "ok";
        });
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse first = harness.Start("Status", null);
        OrchestratorResponse second = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskCompleted(0, null));
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskCompleted(1, null));

        // Assert
        Assert.Equal("{\"phase\":\"copy\",\"percent\":10}", first.CustomStatus);
        Assert.Equal(first.CustomStatus, second.CustomStatus);
        Assert.Null(done.CustomStatus);
    }

    [Fact]
    public void SendEvent_Data_IsSerializedWithoutArrayWrapping()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string?>("Sender", (context, _) =>
        {
            context.SendEvent("target", "Moved", new { ServerId = "vm-1" });
            return Task.FromResult<string?>(null);
        });
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse response = harness.Start("Sender", null);

        // Assert
        Assert.Equal("{\"serverId\":\"vm-1\"}", response.Actions[0].SendEvent.Data);
        Assert.Equal("target", response.Actions[0].SendEvent.Instance.InstanceId);
        Assert.Null(ResponseAssert.Completion(response, 1, OrchestrationStatus.Completed).Result);
    }
}
