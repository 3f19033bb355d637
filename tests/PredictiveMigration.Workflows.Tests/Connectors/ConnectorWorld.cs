using System.Text.Json;
using PredictiveMigration.Domain.Cloud;
using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Durable;
using PredictiveMigration.Workflows.Connectors;
using PredictiveMigration.Workflows.Deciding;
using PredictiveMigration.Workflows.Tests.Support;

namespace PredictiveMigration.Workflows.Tests.Connectors;

/// <summary>
/// The real connector activities over in-memory ports, answering a <see cref="ConnectorHarness"/>: what the orchestrator
/// plans and applies is what the planner and the runner really do with these stores.
/// </summary>
internal sealed class ConnectorWorld
{
    public static readonly DateTimeOffset T0 = new(ConnectorHarness.T0, TimeSpan.Zero);

    public InMemoryConnectorStore Store { get; } = new();

    public ScriptedActuator Cloud { get; } = new();

    public InMemoryMigrations Migrations { get; } = new();

    public InMemoryCandidates Candidates { get; } = new();

    public List<ServerProfile> Servers { get; } = [];

    public ICloudInventory Inventory { get; set; } = new FixedQuotaInventory();

    public ConnectorPlanOptions Plan { get; } = new();

    public ConnectorWorkflowOptions Options { get; set; } = new() { DefaultDataBytes = 90_000_000_000 };

    /// <summary>Scheduled migrations of <paramref name="count"/> servers in westeurope, not before <paramref name="notBefore"/>.</summary>
    public ConnectorWorld WithBurst(int count, DateTimeOffset notBefore, string region = "westeurope")
    {
        for (var i = 1; i <= count; i++)
        {
            var server = $"srv-{i:D2}";
            var d = TestDecisions.Single($"mig-{i:D2}", server);
            d = d with { Source = d.Source with { Region = region }, NotBefore = notBefore, Deadline = notBefore.AddHours(6) };
            Migrations.Records[d.MigrationId] = new MigrationRecord(d, MigrationStatus.Scheduled, MigrationStep.Approval, 0, null, T0, T0, []);
        }

        return this;
    }

    public PlanConnectorsActivity PlanActivity() => new(
        Store, Migrations, Candidates, new FakeDirectory([.. Servers]), Inventory, ConnectorPlacement.Anywhere((_, _) => 20), Plan, Options);

    public ApplyConnectorActionActivity ApplyActivity() => new(new ConnectorActionRunner(Cloud, Store, Plan));

    /// <summary>A harness whose activities are this world's real ones.</summary>
    public ConnectorHarness Harness(Func<JsonElement, int, object?>? plan = null) => new ConnectorHarness()
        .On(ConnectorActivities.Plan, plan ?? ((input, _) => Run(PlanActivity(), Read<PlanConnectorsInput>(input))))
        .On(ConnectorActivities.Apply, (input, _) => Run(ApplyActivity(), Read<ApplyConnectorActionInput>(input)));

    public static T Read<T>(JsonElement e) => e.Deserialize<T>(ConnectorHarness.Options.SerializerOptions)!;

    /// <summary>The actions applied (activity inputs) in each execution (1-based).</summary>
    public static List<ConnectorAction> AppliedIn(ConnectorHarness harness, int execution) =>
        [.. harness.Calls.Where(c => c.Execution == execution && c.Name == ConnectorActivities.Apply)
            .Select(c => ConnectorHarness.Read<ApplyConnectorActionInput>(c.Input).Action)];

    private static TOut Run<TIn, TOut>(TaskActivity<TIn, TOut> activity, TIn input) =>
        activity.RunAsync(new TaskActivityContext("test", ConnectorScalingOrchestrator.InstanceId), input, CancellationToken.None).GetAwaiter().GetResult();
}
