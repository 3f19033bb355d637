using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Domain.Tests.Connectors;

/// <summary>Shared inputs: a constant transfer rate, the sandbox cloud's latency table, and a plan-and-apply loop.</summary>
internal static class ConnectorScenario
{
    /// <summary>Monday 2 March 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public const long Gb = 1_000_000_000;

    /// <summary>The sandbox cloud's latency table (CloudCatalog.Default).</summary>
    public static double Latency(string from, string to)
    {
        var table = new Dictionary<(string, string), double>
        {
            [("westeurope", "northeurope")] = 18,
            [("westeurope", "eastus")] = 82,
            [("westeurope", "westus2")] = 145,
            [("northeurope", "eastus")] = 75,
            [("northeurope", "westus2")] = 135,
            [("eastus", "westus2")] = 68,
        };
        return from == to ? 1 : table.TryGetValue((from, to), out var ms) || table.TryGetValue((to, from), out ms) ? ms : double.NaN;
    }

    /// <summary>A model that knows nothing but a default of exactly <paramref name="mbps"/> with no spread: durations are exact.</summary>
    public static TransferRateModel ConstantRate(double mbps) =>
        TransferRateModel.Learn([], new TransferRateOptions { DefaultRateMBps = mbps, DefaultLowFactor = 1, DefaultHighFactor = 1 });

    public static MigrationLoadForecaster Forecaster(double mbps = 100, IEnumerable<string>? regions = null) =>
        new(ConstantRate(mbps), new ConnectorPlacement(regions ?? [], Latency));

    /// <summary><paramref name="count"/> migrations of <paramref name="gb"/> GB from <paramref name="region"/> starting at <paramref name="at"/>, 4 h deadline.</summary>
    public static IEnumerable<MigrationLoadItem> Burst(string prefix, int count, DateTimeOffset at, long gb = 90, string region = "westeurope") =>
        Enumerable.Range(1, count).Select(i => new MigrationLoadItem($"{prefix}-{i}", region, gb * Gb, at, at.AddHours(4)));

    /// <summary>
    /// Runs the planner every <paramref name="step"/> from <paramref name="from"/> to <paramref name="to"/>, applying each
    /// plan at once, assigning each migration to a connector when it starts and freeing it when its transfer ends.
    /// Returns every action with the time it was planned.
    /// </summary>
    public static (List<(DateTimeOffset At, ConnectorAction Action)> Log, IReadOnlyList<Connector> Fleet) Simulate(
        IReadOnlyList<MigrationLoadItem> items, DateTimeOffset from, DateTimeOffset to, TimeSpan step, ConnectorPlanOptions? options = null, double mbps = 100)
    {
        var forecaster = Forecaster(mbps);
        var planner = new ConnectorCapacityPlanner(options);
        var assigner = new TaskAssigner(new ConnectorPlacement([], Latency));
        IReadOnlyList<Connector> fleet = [];
        var log = new List<(DateTimeOffset, ConnectorAction)>();
        for (var now = from; now <= to; now += step)
        {
            var ends = items.ToDictionary(i => i.MigrationId, i => i.EarliestStart + forecaster.Estimate(i, i.EarliestStart).ExpectedDuration);
            fleet = [.. fleet.Select(c => c with { AssignedTasks = [.. c.AssignedTasks.Where(t => ends[t] > now)] })];
            var pending = items.Where(i => ends[i.MigrationId] > now).ToList();
            var plan = planner.Plan(now, new ConnectorFleetState(fleet), forecaster.Forecast(now, pending));
            log.AddRange(plan.Actions.Select(a => (now, a)));
            fleet = ConnectorTransitions.Apply(fleet, plan.Actions, now, planner.Options);
            var started = pending.Where(i => i.EarliestStart <= now).ToList();
            fleet = assigner.Assign(started, fleet).Connectors;
        }

        return (log, fleet);
    }
}
