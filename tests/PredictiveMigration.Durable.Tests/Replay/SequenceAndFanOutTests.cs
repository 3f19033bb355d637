using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Replay;

public sealed class SequenceAndFanOutTests
{
    [Fact]
    public void Execute_SequenceOfActivities_SchedulesOneAtATimeAndCompletesWithTheLastResult()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string, string>("Seq", async (context, input) =>
        {
            string a = await context.CallActivityAsync<string>("A", input);
            string b = await context.CallActivityAsync<string>("B", a);
            return await context.CallActivityAsync<string>("C", b);
        });
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse first = harness.Start("Seq", "\"x\"");
        OrchestratorResponse second = harness.Advance(TimeSpan.FromSeconds(5)).Deliver(Events.TaskCompleted(0, "\"a\""));
        OrchestratorResponse third = harness.Advance(TimeSpan.FromSeconds(5)).Deliver(Events.TaskCompleted(1, "\"b\""));
        OrchestratorResponse last = harness.Advance(TimeSpan.FromSeconds(5)).Deliver(Events.TaskCompleted(2, "\"c\""));

        // Assert
        Assert.Equal("\"x\"", ResponseAssert.SingleActivity(first, 0, "A").Input);
        Assert.Equal("\"a\"", ResponseAssert.SingleActivity(second, 1, "B").Input);
        Assert.Equal("\"b\"", ResponseAssert.SingleActivity(third, 2, "C").Input);
        Assert.Equal("\"c\"", ResponseAssert.SingleCompletion(last, 3, OrchestrationStatus.Completed).Result);
        Assert.All([first, second, third, last], r => Assert.Equal("inst1", r.InstanceId));
    }

    [Fact]
    public void Execute_FanOutWithCompletionsOutOfOrder_WaitsForAllThenCompletesWithTheSum()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<int, int>("Fan", async (context, n) =>
        {
            Task<int>[] work = [.. Enumerable.Range(1, n).Select(i => context.CallActivityAsync<int>("Square", i))];
            return (await Task.WhenAll(work)).Sum();
        });
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse scheduled = harness.Start("Fan", "4");
        OrchestratorResponse partial = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskCompleted(3, "16"), Events.TaskCompleted(1, "4"));
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskCompleted(2, "9"), Events.TaskCompleted(0, "1"));

        // Assert
        Assert.Equal([0, 1, 2, 3], scheduled.Actions.Select(a => a.Id));
        Assert.Equal(["1", "2", "3", "4"], scheduled.Actions.Select(a => a.ScheduleTask.Input));
        Assert.Empty(partial.Actions);
        Assert.Equal("30", ResponseAssert.SingleCompletion(done, 4, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void Execute_WhenAnyOverTwoActivities_ContinuesWithTheFirstToComplete()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Race", async (context, _) =>
        {
            Task<string> left = context.CallActivityAsync<string>("Left");
            Task<string> right = context.CallActivityAsync<string>("Right");
            Task<string> winner = await Task.WhenAny(left, right);
            return await winner;
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Race", null);

        // Act
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskCompleted(1, "\"right\""));

        // Assert
        Assert.Equal("\"right\"", ResponseAssert.SingleCompletion(done, 2, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void Execute_DuplicateAndUnknownCompletions_AreIgnored()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Two", async (context, _) =>
        {
            string a = await context.CallActivityAsync<string>("A");
            string b = await context.CallActivityAsync<string>("B");
            return a + b;
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Two", null);

        // Act
        OrchestratorResponse response = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(
            Events.TaskCompleted(0, "\"a\""), Events.TaskCompleted(0, "\"again\""), Events.TaskCompleted(42, "\"nobody\""));

        // Assert
        ResponseAssert.SingleActivity(response, 1, "B");
    }

    [Fact]
    public void Execute_SameRequestTwice_ProducesIdenticalBytes()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Guidy", async (context, _) =>
        {
            await context.CallActivityAsync<string>("A", context.NewGuid());
            return context.NewGuid().ToString();
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Guidy", null);
        harness.Advance(TimeSpan.FromSeconds(3)).Deliver(Events.TaskCompleted(0, "\"ok\""));
        var executor = new Durable.Replay.OrchestrationExecutor(registry);

        // Act
        byte[] once = Google.Protobuf.MessageExtensions.ToByteArray(executor.Execute(harness.LastRequest!));
        byte[] twice = Google.Protobuf.MessageExtensions.ToByteArray(executor.Execute(harness.LastRequest!));

        // Assert
        Assert.Equal(once, twice);
        Assert.NotEmpty(once);
    }
}
