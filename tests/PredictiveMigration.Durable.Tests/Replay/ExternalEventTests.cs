using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Replay;

public sealed class ExternalEventTests
{
    private static readonly DateTime T0 = OrchestrationHarness.T0;

    [Fact]
    public void WaitForExternalEvent_EventArrivedBeforeAnyoneWaited_IsDeliveredFromTheBuffer()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Late", async (context, _) =>
        {
            await context.CallActivityAsync("Work");
            return await context.WaitForExternalEvent<string>("Approval");
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Late", null);
        OrchestratorResponse whileWorking = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.EventRaised("approval", "\"yes\""));

        // Act
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.TaskCompleted(0, null));

        // Assert
        Assert.Empty(whileWorking.Actions);
        Assert.Equal("\"yes\"", ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void WaitForExternalEvent_TwoWaitersForOneName_AreServedFirstComeFirstServed()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Fifo", async (context, _) =>
        {
            Task<string> first = context.WaitForExternalEvent<string>("e");
            Task<string> second = context.WaitForExternalEvent<string>("E");
            return await first + "," + await second;
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Fifo", null);

        // Act
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(
            Events.EventRaised("E", "\"one\""), Events.EventRaised("e", "\"two\""));

        // Assert
        Assert.Equal("\"one,two\"", ResponseAssert.SingleCompletion(done, 0, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void WaitForExternalEvent_BufferedEventsOfOneName_AreConsumedInArrivalOrder()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Buffered", async (context, _) =>
        {
            await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
            string a = await context.WaitForExternalEvent<string>("e");
            string b = await context.WaitForExternalEvent<string>("e");
            return a + b;
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Buffered", null);
        harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.EventRaised("e", "\"1\""), Events.EventRaised("other", "\"x\""), Events.EventRaised("e", "\"2\""));

        // Act
        OrchestratorResponse done = harness.At(T0.AddMinutes(1)).Deliver(Events.TimerFired(0, T0.AddMinutes(1)));

        // Assert
        Assert.Equal("\"12\"", ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void WaitForExternalEvent_TimeoutExpires_ThrowsTaskCanceledException()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Timeout", async (context, _) =>
        {
            try
            {
                return await context.WaitForExternalEvent<string>("approve", TimeSpan.FromHours(2));
            }
            catch (TaskCanceledException exception)
            {
                return exception.GetType().Name;
            }
        });
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse waiting = harness.Start("Timeout", null);
        OrchestratorResponse timedOut = harness.At(T0.AddHours(2)).Deliver(Events.TimerFired(0, T0.AddHours(2)));
        OrchestratorResponse lateEvent = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.EventRaised("approve", "\"too late\""));

        // Assert
        Assert.Equal(T0.AddHours(2), ResponseAssert.SingleTimer(waiting, 0));
        Assert.Equal("\"TaskCanceledException\"", ResponseAssert.SingleCompletion(timedOut, 1, OrchestrationStatus.Completed).Result);
        Assert.Equal("\"TaskCanceledException\"", ResponseAssert.SingleCompletion(lateEvent, 1, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void WaitForExternalEvent_EventBeforeTimeout_ReturnsThePayloadAndAbandonsTheTimer()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Approve", async (context, _) =>
        {
            string first = await context.WaitForExternalEvent<string>("approve", TimeSpan.FromHours(1));
            string second = await context.WaitForExternalEvent<string>("again");
            return first + second;
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Approve", null);

        // Act
        OrchestratorResponse approved = harness.Advance(TimeSpan.FromMinutes(1)).Deliver(Events.EventRaised("approve", "\"a\""));
        OrchestratorResponse staleTimer = harness.At(T0.AddHours(1)).Deliver(Events.TimerFired(0, T0.AddHours(1)));
        OrchestratorResponse done = harness.Advance(TimeSpan.FromMinutes(1)).Deliver(Events.EventRaised("again", "\"b\""));

        // Assert
        Assert.Empty(approved.Actions);
        Assert.Empty(staleTimer.Actions);
        Assert.Equal("\"ab\"", ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void WaitForExternalEvent_WaiterThatTimedOut_DoesNotSwallowTheNextEvent()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Retry", async (context, _) =>
        {
            try
            {
                return await context.WaitForExternalEvent<string>("go", TimeSpan.FromMinutes(1));
            }
            catch (TaskCanceledException)
            {
                return "second:" + await context.WaitForExternalEvent<string>("go");
            }
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Retry", null);
        harness.At(T0.AddMinutes(1)).Deliver(Events.TimerFired(0, T0.AddMinutes(1)));

        // Act
        OrchestratorResponse done = harness.Advance(TimeSpan.FromMinutes(1)).Deliver(Events.EventRaised("go", "\"v\""));

        // Assert
        Assert.Equal("\"second:v\"", ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void WaitForExternalEvent_ZeroTimeoutWithNothingBuffered_ThrowsAtOnceWithoutATimer()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Poll", async (context, _) =>
        {
            try
            {
                return await context.WaitForExternalEvent<string>("maybe", TimeSpan.Zero);
            }
            catch (TaskCanceledException)
            {
                return "nothing";
            }
        });
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse response = harness.Start("Poll", null);

        // Assert
        Assert.Equal("\"nothing\"", ResponseAssert.SingleCompletion(response, 0, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void WaitForExternalEvent_EventWithoutInput_YieldsDefault()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Empty", async (context, _) =>
        {
            string? value = await context.WaitForExternalEvent<string?>("ping");
            return value ?? "null";
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Empty", null);

        // Act
        OrchestratorResponse done = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.EventRaised("ping", null));

        // Assert
        Assert.Equal("\"null\"", ResponseAssert.SingleCompletion(done, 0, OrchestrationStatus.Completed).Result);
    }
}
