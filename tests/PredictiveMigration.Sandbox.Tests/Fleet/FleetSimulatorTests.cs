using System.Text;
using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Sandbox.Fleet;

namespace PredictiveMigration.Sandbox.Tests.Fleet;

public class FleetSimulatorTests
{
    private static FleetOptions Options(int servers = 50, int seed = 42, int minutes = 1) => new()
    {
        ServerCount = servers,
        Seed = seed,
        SamplingInterval = TimeSpan.FromMinutes(minutes),
        SendInterval = TimeSpan.FromMinutes(Math.Max(5, minutes)),
    };

    private static string Run(FleetSimulator fleet, int steps)
    {
        var capacities = FixedCapacitySource.For(fleet);
        var text = new StringBuilder();
        for (var i = 0; i < steps; i++)
        {
            foreach (var e in fleet.Step(capacities.Current))
            {
                text.Append(Encoding.UTF8.GetString(MetricEventJson.Serialize(e))).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Every sample of one server over <paramref name="steps"/> steps.</summary>
    private static List<MetricEvent> Series(FleetSimulator fleet, string serverId, int steps, FixedCapacitySource? capacities = null)
    {
        capacities ??= FixedCapacitySource.For(fleet);
        var series = new List<MetricEvent>();
        for (var i = 0; i < steps; i++)
        {
            series.AddRange(fleet.Step(capacities.Current).Where(e => e.ServerId == serverId));
        }

        return series;
    }

    private static double Autocorrelation(IReadOnlyList<double> x, int lag)
    {
        var mean = x.Average();
        double num = 0, den = 0;
        for (var i = 0; i < x.Count; i++)
        {
            den += (x[i] - mean) * (x[i] - mean);
            if (i + lag < x.Count)
            {
                num += (x[i] - mean) * (x[i + lag] - mean);
            }
        }

        return num / den;
    }

    [Fact]
    public void Step_SameSeed_GivesTheSameFleetAndTheSameSamples()
    {
        var a = Run(FleetSimulator.Synthetic(Options(servers: 20)), 300);
        var b = Run(FleetSimulator.Synthetic(Options(servers: 20)), 300);
        var c = Run(FleetSimulator.Synthetic(Options(servers: 20, seed: 7)), 300);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Synthetic_DefaultMix_AllocatesEveryKindAndFiftyServers()
    {
        var fleet = FleetSimulator.Synthetic(new FleetOptions());

        Assert.Equal(50, fleet.Servers.Count);
        Assert.Equal(50, fleet.ServerIds.Distinct().Count());
        var byKind = fleet.Servers.GroupBy(s => s.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new FleetOptions().Mix.Allocate(50).Where(k => k.Count > 0).ToDictionary(k => k.Kind, k => k.Count), byKind);
        Assert.Equal("srv-001", fleet.ServerIds[0]);
    }

    [Fact]
    public void Events_AreValidSchemaV1WithSequenceNumbersPerAgent()
    {
        var fleet = FleetSimulator.Synthetic(Options(servers: 5));
        var validation = new MetricValidationOptions();

        var events = Enumerable.Range(0, 10).SelectMany(_ => fleet.Step(new Dictionary<string, ServerCapacity>())).ToList();

        foreach (var server in events.GroupBy(e => e.ServerId))
        {
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), server.Select(e => e.Sequence));
        }

        Assert.All(events, e =>
        {
            Assert.True(MetricEventJson.TryParse(MetricEventJson.Serialize(e), out var parsed, out var rejection), rejection?.ToString());
            Assert.Null(MetricEventValidator.Validate(parsed!, e.Timestamp, validation));
        });
    }

    [Fact]
    public void SteadyWorkload_CpuHasADailyPeriodAndAWeekendDip()
    {
        var fleet = FleetSimulator.Synthetic(Options(servers: 20, minutes: 15));
        var steady = fleet.Servers.First(s => s.Kind == WorkloadKind.Steady).ServerId;

        var cpu = Series(fleet, steady, 4 * 7 * 24).Select(e => e.CpuPercent).ToList(); // one week of 15-minute samples

        Assert.True(Autocorrelation(cpu, 96) > 0.5, $"lag 24 h: {Autocorrelation(cpu, 96):F2}");
        Assert.True(Autocorrelation(cpu, 96) > Autocorrelation(cpu, 48) + 0.5, "a daily period, not a half-day one");
        var weekday = cpu.Take(5 * 96).Average(); // Monday to Friday (the fleet starts on a Monday)
        var weekend = cpu.Skip(5 * 96).Take(2 * 96).Average();
        Assert.True(weekend < weekday, $"weekend {weekend:F1} vs weekday {weekday:F1}");
    }

    [Fact]
    public void LeakingWorkload_MemoryGrowsUntilAnOutOfMemoryFailureThenRestartsLow()
    {
        var fleet = FleetSimulator.Synthetic(Options(servers: 20, minutes: 5));
        var leaking = fleet.Servers.First(s => s.Kind == WorkloadKind.Leaking).ServerId;

        var memory = Series(fleet, leaking, 12 * 24 * 5).ToList(); // five days
        var truth = fleet.Snapshot();

        var failure = truth.Failures.First(f => f.ServerId == leaking);
        Assert.Equal("out-of-memory", failure.Reason);
        var before = memory.Where(e => e.Timestamp < failure.At).ToList();
        var firstHours = before.Take(12 * 6).Average(e => e.MemoryUsedBytes);
        var lastHours = before.TakeLast(12 * 6).Average(e => e.MemoryUsedBytes);
        Assert.True(lastHours > firstHours * 1.3, $"memory {firstHours:E2} → {lastHours:E2}");
        var afterRestart = memory.First(e => e.Timestamp >= failure.At + fleet.Options.RecoveryTime);
        Assert.True(afterRestart.MemoryUsedBytes < before[^1].MemoryUsedBytes * 0.8);
        Assert.DoesNotContain(memory, e => e.Timestamp >= failure.At && e.Timestamp < failure.At + fleet.Options.RecoveryTime);
        Assert.Contains(truth.ExhaustionEvents, x => x.ServerId == leaking && x.Resource == "memory");
    }

    [Fact]
    public void FailingWorkload_ErrorsAndLatencyRiseBeforeTheFailure()
    {
        var fleet = FleetSimulator.Synthetic(Options(servers: 20, minutes: 5));
        var failing = fleet.Servers.First(s => s.Kind == WorkloadKind.Failing);
        var at = failing.Workload.FailureAt!.Value;

        var series = Series(fleet, failing.ServerId, (int)((at - fleet.Options.Start).TotalMinutes / 5) + 12);
        var truth = fleet.Snapshot();

        var lastHour = series.Where(e => e.Timestamp >= at.AddHours(-1) && e.Timestamp < at).ToList();
        var dayBefore = series.Where(e => e.Timestamp >= at.AddHours(-25) && e.Timestamp < at.AddHours(-24)).ToList();
        Assert.True(lastHour.Average(e => e.ErrorCount) > dayBefore.Average(e => e.ErrorCount) + 5);
        Assert.True(lastHour.Average(e => e.ProbeLatencyMs) > dayBefore.Average(e => e.ProbeLatencyMs) * 1.5);
        var failure = Assert.Single(truth.Failures, f => f.ServerId == failing.ServerId && f.Reason == "hardware");
        Assert.InRange(failure.At, at, at.AddMinutes(5));
        Assert.DoesNotContain(series, e => e.Timestamp >= failure.At && e.Timestamp < failure.At + fleet.Options.RecoveryTime);
    }

    [Fact]
    public void Counterfactual_FourDays_SomeServersHeadForExhaustionAndTheRunIsDeterministic()
    {
        var fleet = FleetSimulator.Synthetic(Options(minutes: 5));

        var first = fleet.RunCounterfactual(TimeSpan.FromDays(4));
        var second = fleet.RunCounterfactual(TimeSpan.FromDays(4));

        Assert.Equal(first.ExhaustionEvents, second.ExhaustionEvents);
        Assert.Equal(first.Failures, second.Failures);
        var kinds = fleet.Servers.ToDictionary(s => s.ServerId, s => s.Kind);
        Assert.Contains(first.ExhaustionEvents, e => kinds[e.ServerId] == WorkloadKind.Growing && e.Resource == "cpu");
        Assert.Contains(first.ExhaustionEvents, e => kinds[e.ServerId] == WorkloadKind.Leaking && e.Resource == "memory");
        Assert.Contains(first.Failures, f => f.Reason == "hardware");
        Assert.True(first.ExhaustionEvents.Select(e => e.ServerId).Distinct().Count() < 50, "not every server is exhausted");
        Assert.Equal(0, fleet.SamplesTaken);
    }

    [Fact]
    public void Resize_ToABiggerSize_LowersUtilisationAndAvoidsExhaustion()
    {
        var options = Options(minutes: 5);
        var fleet = FleetSimulator.Synthetic(options);
        var growing = fleet.Servers.Where(s => s.Kind == WorkloadKind.Growing).ToList();
        var resized = FixedCapacitySource.For(fleet);
        foreach (var s in growing)
        {
            resized.Resize(s.ServerId, "Standard_D16s_v3");
        }

        var baseline = fleet.RunCounterfactual(TimeSpan.FromDays(4));
        var withResize = fleet.RunOffline(TimeSpan.FromDays(4), resized);

        foreach (var s in growing)
        {
            Assert.True(withResize.Loads.Single(l => l.ServerId == s.ServerId).MeanCpuPercent < baseline.Loads.Single(l => l.ServerId == s.ServerId).MeanCpuPercent);
        }

        var ids = growing.Select(s => s.ServerId).ToHashSet();
        Assert.True(withResize.ExhaustionEvents.Count(e => ids.Contains(e.ServerId)) < baseline.ExhaustionEvents.Count(e => ids.Contains(e.ServerId)));
    }

    [Fact]
    public void Move_BeforeAScheduledHardwareFailure_AvoidsIt()
    {
        var fleet = FleetSimulator.Synthetic(Options(servers: 20, minutes: 5));
        var failing = fleet.Servers.First(s => s.Kind == WorkloadKind.Failing);
        var capacities = FixedCapacitySource.For(fleet);
        fleet.Step(capacities.Current);
        capacities.Move(failing.ServerId, failing.InitialSize, "vm/target");
        while (fleet.NextSampleTime < fleet.Options.Start.AddDays(4))
        {
            fleet.Step(capacities.Current);
        }

        var result = fleet.Snapshot();

        Assert.DoesNotContain(result.Failures, f => f.ServerId == failing.ServerId && f.Reason == "hardware");
        Assert.Contains(fleet.RunCounterfactual(TimeSpan.FromDays(4)).Failures, f => f.ServerId == failing.ServerId && f.Reason == "hardware");
    }

    [Fact]
    public void Options_BadValue_NamesTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => FleetSimulator.Synthetic(new FleetOptions { ServerCount = 0 }));
        Assert.Contains("Fleet:ServerCount", ex.Message, StringComparison.Ordinal);

        ex = Assert.Throws<InvalidOperationException>(() => FleetSimulator.Synthetic(new FleetOptions { InitialSizes = ["Standard_Nope"] }));
        Assert.Contains("Standard_Nope", ex.Message, StringComparison.Ordinal);
    }
}
