using PredictiveMigration.Domain.Connectors;
using static PredictiveMigration.Domain.Tests.Connectors.ConnectorScenario;

namespace PredictiveMigration.Domain.Tests.Connectors;

public class TaskAssignerTests
{
    private static Connector Active(string id, string region, params string[] tasks) =>
        new(id, region, "Standard_D4s_v3", ConnectorState.Active, 400, 2, tasks, Nine);

    private static MigrationLoadItem Task(string id, string region, int deadlineMinutes = 240) =>
        new(id, region, 10 * Gb, Nine, Nine.AddMinutes(deadlineMinutes));

    private static readonly TaskAssigner Assigner = new(new ConnectorPlacement([], Latency));

    [Fact]
    public void Assign_PrefersTheLeastLoadedConnectorInTheSourceRegion()
    {
        Connector[] fleet = [Active("a", "westeurope", "x"), Active("b", "westeurope"), Active("c", "northeurope")];

        var result = Assigner.Assign([Task("m1", "westeurope")], fleet);

        Assert.Equal(new TaskAssignment("m1", "b", "westeurope", 1), result.Assignments.Single());
        Assert.Equal(["m1"], result.Connectors.Single(c => c.Id == "b").AssignedTasks);
    }

    [Fact]
    public void Assign_SourceRegionFull_GoesToTheNearestRegionThenReportsTheRest()
    {
        Connector[] fleet =
        [
            Active("a", "westeurope", "x", "y"),
            Active("ne", "northeurope", "z"),
            Active("us", "eastus"),
            new("warm", "westeurope", "Standard_D2s_v3", ConnectorState.Warm, 0, 0, [], Nine),
        ];

        var result = new TaskAssigner(new ConnectorPlacement([], Latency, maxLatencyMs: 50)).Assign([Task("m1", "westeurope"), Task("m2", "westeurope")], fleet);

        Assert.Equal(new TaskAssignment("m1", "ne", "northeurope", 18), result.Assignments.Single());
        Assert.Equal("m2", result.Unassigned.Single().MigrationId);
        Assert.Contains("50 ms of westeurope", result.Unassigned.Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_EarliestDeadlineFirst_AndATaskAlreadyPlacedStays()
    {
        Connector[] fleet = [Active("a", "westeurope", "m0"), Active("b", "eastus")];

        var result = Assigner.Assign([Task("late", "westeurope", 300), Task("urgent", "westeurope", 30), Task("m0", "westeurope")], fleet);

        Assert.Equal([("urgent", "a"), ("m0", "a"), ("late", "b")], result.Assignments.Select(a => (a.MigrationId, a.ConnectorId)));
    }
}
