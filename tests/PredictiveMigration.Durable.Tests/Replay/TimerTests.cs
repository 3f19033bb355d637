using Google.Protobuf;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Replay;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Replay;

public sealed class TimerTests
{
    private static readonly DateTime T0 = OrchestrationHarness.T0;

    [Fact]
    public void CreateTimer_Delay_FiresAtCurrentTimePlusDelayAndResumesOnTimerFired()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Sleep", async (context, _) =>
        {
            await context.CallActivityAsync("Prepare");
            await context.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
            return "woke";
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Sleep", null);

        // Act
        OrchestratorResponse timer = harness.At(T0.AddSeconds(7)).Deliver(Events.TaskCompleted(0, null));
        OrchestratorResponse done = harness.At(T0.AddSeconds(7).AddMinutes(5)).Deliver(Events.TimerFired(1, T0.AddSeconds(7).AddMinutes(5)));

        // Assert
        Assert.Equal(T0.AddSeconds(7).AddMinutes(5), ResponseAssert.SingleTimer(timer, 1));
        Assert.Equal("\"woke\"", ResponseAssert.SingleCompletion(done, 2, OrchestrationStatus.Completed).Result);
    }

    [Fact]
    public void CreateTimer_SevenDays_ChainsThreeDayPiecesWithIdenticalReplays()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Week", async (context, _) =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddDays(7), CancellationToken.None);
            return "a week later";
        });
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse first = harness.Start("Week", null);
        OrchestratorResponse firstReplay = harness.Replay();
        OrchestratorResponse second = harness.At(T0.AddDays(3)).Deliver(Events.TimerFired(0, T0.AddDays(3)));
        OrchestratorResponse secondReplay = harness.Replay();
        OrchestratorRequest thirdRequest = harness.LastRequest!;
        OrchestratorResponse third = harness.At(T0.AddDays(6)).Deliver(Events.TimerFired(1, T0.AddDays(6)));
        OrchestratorResponse thirdAgain = new OrchestrationExecutor(registry).Execute(harness.LastRequest!);
        OrchestratorResponse done = harness.At(T0.AddDays(7)).Deliver(Events.TimerFired(2, T0.AddDays(7)));

        // Assert: 3 d + 3 d + 1 d, then completion; replays re-emit nothing and fail nothing.
        Assert.Equal(T0.AddDays(3), ResponseAssert.SingleTimer(first, 0));
        Assert.Equal(T0.AddDays(6), ResponseAssert.SingleTimer(second, 1));
        Assert.Equal(T0.AddDays(7), ResponseAssert.SingleTimer(third, 2));
        Assert.Equal("\"a week later\"", ResponseAssert.SingleCompletion(done, 3, OrchestrationStatus.Completed).Result);
        Assert.Empty(firstReplay.Actions);
        Assert.Empty(secondReplay.Actions);
        Assert.Equal(third.ToByteArray(), thirdAgain.ToByteArray());
        Assert.NotSame(thirdRequest, harness.LastRequest);
    }

    [Fact]
    public void CreateTimer_PieceFiresLate_NextPieceStartsFromTheEpisodeClockAndTheEndStaysPut()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Week", async (context, _) =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddDays(7), CancellationToken.None);
            return "done";
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Week", null);
        DateTime late = T0.AddDays(3).AddSeconds(2);

        // Act
        OrchestratorResponse second = harness.At(late).Deliver(Events.TimerFired(0, T0.AddDays(3)));
        OrchestratorResponse third = harness.At(late.AddDays(3)).Deliver(Events.TimerFired(1, late.AddDays(3)));

        // Assert
        Assert.Equal(late.AddDays(3), ResponseAssert.SingleTimer(second, 1));
        Assert.Equal(T0.AddDays(7), ResponseAssert.SingleTimer(third, 2));
    }

    [Fact]
    public void CreateTimer_ExactlyThreeDays_IsASingleTimer()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Three", async (context, _) =>
        {
            await context.CreateTimer(TimeSpan.FromDays(3), CancellationToken.None);
            return "done";
        });
        var harness = new OrchestrationHarness(registry);

        // Act
        OrchestratorResponse first = harness.Start("Three", null);
        OrchestratorResponse done = harness.At(T0.AddDays(3)).Deliver(Events.TimerFired(0, T0.AddDays(3)));

        // Assert
        Assert.Equal(T0.AddDays(3), ResponseAssert.SingleTimer(first, 0));
        ResponseAssert.SingleCompletion(done, 1, OrchestrationStatus.Completed);
    }

    [Fact]
    public void MaximumTimerInterval_Value_IsThreeDaysForever()
    {
        // Arrange
        TimeSpan expected = TimeSpan.FromDays(3);

        // Act
        TimeSpan actual = ReplayOrchestrationContext.MaximumTimerInterval;

        // Assert
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void CreateTimer_CancelledBeforeFiring_ThrowsTaskCanceledAndTheLaterTimerFiredIsIgnored()
    {
        // Arrange
        var registry = new DurableTaskRegistry().AddOrchestrator<string?, string>("Cancel", async (context, _) =>
        {
            using var cancellation = new CancellationTokenSource();
            Task timer = context.CreateTimer(TimeSpan.FromHours(1), cancellation.Token);
            string signal = await context.WaitForExternalEvent<string>("stop");
            cancellation.Cancel(); // not CancelAsync: it runs the callbacks on the thread pool
            try
            {
                await timer;
                return "fired";
            }
            catch (TaskCanceledException)
            {
                return "cancelled:" + signal;
            }
        });
        var harness = new OrchestrationHarness(registry);
        harness.Start("Cancel", null);

        // Act
        OrchestratorResponse stopped = harness.Advance(TimeSpan.FromMinutes(1)).Deliver(Events.EventRaised("stop", "\"now\""));

        // Assert
        Assert.Equal("\"cancelled:now\"", ResponseAssert.SingleCompletion(stopped, 1, OrchestrationStatus.Completed).Result);
    }
}
