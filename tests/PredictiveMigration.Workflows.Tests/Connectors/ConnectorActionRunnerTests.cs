using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Workflows.Connectors;

namespace PredictiveMigration.Workflows.Tests.Connectors;

public sealed class ConnectorActionRunnerTests
{
    private static readonly DateTimeOffset T0 = ConnectorWorld.T0;
    private static readonly ConnectorPlanOptions Plan = new();

    private static ConnectorAction Act(ConnectorActionKind kind, string id = "pmconn-westeurope-01") => new(kind, id, "westeurope", "x", "test");

    [Fact]
    public async Task Run_ScaleDownOfAConnectorThatTookATask_IsRefusedBeforeTheCloud()
    {
        var store = new InMemoryConnectorStore();
        var cloud = new ScriptedActuator();
        await store.UpsertConnectorAsync(new Connector("pmconn-westeurope-01", "westeurope", Plan.ActiveSize.Name, ConnectorState.Active, 400, 4, ["mig-9"], T0), TestContext.Current.CancellationToken);

        var result = await new ConnectorActionRunner(cloud, store, Plan).RunAsync(Act(ConnectorActionKind.ScaleDown), T0.AddHours(1), TestContext.Current.CancellationToken);

        Assert.False(result.Ok);
        Assert.Equal(("ConnectorBusy", false), (result.Code, result.Transient));
        Assert.Empty(cloud.Applied);
        Assert.Equal(ConnectorState.Active, store.Connectors["pmconn-westeurope-01"].State);
    }

    [Fact]
    public async Task Run_CloudFails_LeavesTheStoreAndReturnsTheFailure()
    {
        var store = new InMemoryConnectorStore();
        var cloud = new ScriptedActuator { Script = (_, _) => new CloudFailure("Throttled", "later", 429, TimeSpan.FromSeconds(7), true) };

        var result = await new ConnectorActionRunner(cloud, store, Plan).RunAsync(Act(ConnectorActionKind.Provision), T0, TestContext.Current.CancellationToken);

        Assert.Equal(("Throttled", true, TimeSpan.FromSeconds(7)), (result.Code, result.Transient, result.RetryAfter));
        Assert.Empty(store.Connectors);
    }

    [Fact]
    public async Task Run_SameActionTwice_LeavesOneRecordFromTheFirst()
    {
        // A crash after the cloud call and before the result reached the history runs the activity again.
        var store = new InMemoryConnectorStore();
        var cloud = new ScriptedActuator();
        var runner = new ConnectorActionRunner(cloud, store, Plan);

        await runner.RunAsync(Act(ConnectorActionKind.Provision), T0, TestContext.Current.CancellationToken);
        await runner.RunAsync(Act(ConnectorActionKind.ScaleUp), T0.AddMinutes(1), TestContext.Current.CancellationToken);
        var again = await runner.RunAsync(Act(ConnectorActionKind.ScaleUp), T0.AddMinutes(2), TestContext.Current.CancellationToken);

        Assert.True(again.Ok);
        var c = Assert.Single(store.Connectors.Values);
        Assert.Equal((ConnectorState.Active, T0.AddMinutes(1), Plan.ActiveSize.Name), (c.State, c.StateSince, c.Size));
        Assert.Equal(2, store.Writes);
    }

    [Fact]
    public async Task Run_Decommission_DeletesTheRecordAndAMissingOneIsFine()
    {
        var store = new InMemoryConnectorStore();
        var runner = new ConnectorActionRunner(new ScriptedActuator(), store, Plan);
        await runner.RunAsync(Act(ConnectorActionKind.Provision), T0, TestContext.Current.CancellationToken);

        var first = await runner.RunAsync(Act(ConnectorActionKind.Decommission), T0.AddHours(1), TestContext.Current.CancellationToken);
        var second = await runner.RunAsync(Act(ConnectorActionKind.Decommission), T0.AddHours(1), TestContext.Current.CancellationToken);

        Assert.Equal((true, false, true, false), (first.Ok, first.Value, second.Ok, second.Value));
        Assert.Empty(store.Connectors);
    }

    [Fact]
    public async Task Run_ScaleUpOfAnUnrecordedConnector_FailsWithoutTouchingTheCloud()
    {
        var cloud = new ScriptedActuator();

        var result = await new ConnectorActionRunner(cloud, new InMemoryConnectorStore(), Plan).RunAsync(Act(ConnectorActionKind.ScaleUp), T0, TestContext.Current.CancellationToken);

        Assert.Equal(("UnknownConnector", false), (result.Code, result.Transient));
        Assert.Empty(cloud.Applied);
    }
}
