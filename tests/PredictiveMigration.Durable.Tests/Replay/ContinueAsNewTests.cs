using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Tests.Support;

namespace PredictiveMigration.Durable.Tests.Replay;

public sealed class ContinueAsNewTests
{
    private static DurableTaskRegistry Loop(bool preserve) => new DurableTaskRegistry().AddOrchestrator<int, int>("Loop", async (context, n) =>
    {
        string used = await context.WaitForExternalEvent<string>("tick");
        context.ContinueAsNew(n + used.Length, preserve);
        return -1;
    });

    [Fact]
    public void ContinueAsNew_UnconsumedEvents_AreCarriedOverVerbatimInArrivalOrder()
    {
        // Arrange
        var harness = new OrchestrationHarness(Loop(preserve: true));
        harness.Start("Loop", "1");

        // Act
        OrchestratorResponse response = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(
            Events.EventRaised("tick", "\"abc\""), Events.EventRaised("tick", "\"x\""), Events.EventRaised("other", "\"y\""));

        // Assert
        CompleteOrchestrationAction continued = ResponseAssert.SingleCompletion(response, 0, OrchestrationStatus.ContinuedAsNew);
        Assert.Equal("4", continued.Result);
        HistoryEvent[] expected = [.. harness.LastRequest!.NewEvents.Skip(2)];
        Assert.Equal(expected, continued.CarryoverEvents);
        Assert.Equal(["\"x\"", "\"y\""], continued.CarryoverEvents.Select(e => e.EventRaised.Input));
    }

    [Fact]
    public void ContinueAsNew_PreserveUnprocessedEventsFalse_CarriesNothingOver()
    {
        // Arrange
        var harness = new OrchestrationHarness(Loop(preserve: false));
        harness.Start("Loop", "1");

        // Act
        OrchestratorResponse response = harness.Advance(TimeSpan.FromSeconds(1)).Deliver(Events.EventRaised("tick", "\"ab\""), Events.EventRaised("tick", "\"x\""));

        // Assert
        CompleteOrchestrationAction continued = ResponseAssert.SingleCompletion(response, 0, OrchestrationStatus.ContinuedAsNew);
        Assert.Equal("3", continued.Result);
        Assert.Empty(continued.CarryoverEvents);
    }
}
