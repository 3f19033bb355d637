using PredictiveMigration.Domain.Connectors;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Workflows.Connectors;
using PredictiveMigration.Workflows.Deciding;
using PredictiveMigration.Workflows.Tests.Support;

namespace PredictiveMigration.Workflows.Tests.Connectors;

public sealed class ConnectorLoadTests
{
    private static readonly DateTimeOffset T0 = ConnectorWorld.T0;

    [Theory]
    [InlineData(MigrationStatus.Scheduled, MigrationStep.Approval, true)]
    [InlineData(MigrationStatus.AwaitingApproval, MigrationStep.Approval, true)]
    [InlineData(MigrationStatus.Running, MigrationStep.Replicate, true)]
    [InlineData(MigrationStatus.Running, MigrationStep.ShiftTraffic, false)]
    [InlineData(MigrationStatus.RollingBack, MigrationStep.Compensation, false)]
    [InlineData(MigrationStatus.Completed, MigrationStep.Done, false)]
    public void Carries_OnlyMigrationsWhoseCopyIsAhead(MigrationStatus status, MigrationStep step, bool expected)
    {
        var record = new MigrationRecord(TestDecisions.Single(), status, step, 0, null, T0, T0, []);

        Assert.Equal(expected, ConnectorLoad.Carries(record));
    }

    [Fact]
    public void FromCandidate_DeadlineIsTheEarliestExhaustionAndProbabilityTheRisk()
    {
        var candidate = new MigrationCandidate("web-07", T0.AddMinutes(-30), CandidateSource.Forecast, 70, null, TimeSpan.FromHours(8), TimeSpan.FromHours(5), [], null, "v1");

        var item = ConnectorLoad.FromCandidate(candidate, "northeurope", 1_000, T0);

        Assert.Equal(new MigrationLoadItem("candidate-web-07", "northeurope", 1_000, T0, T0.AddMinutes(270), 0.7), item);
    }

    [Fact]
    public async Task Plan_CountsRiskyCandidatesOfKnownServersNotAlreadyMoving()
    {
        var world = new ConnectorWorld().WithBurst(1, T0);
        MigrationCandidate Candidate(string server, int risk) => new(server, T0, CandidateSource.Forecast, risk, null, null, TimeSpan.FromHours(3), [], null, "v1");
        await world.Candidates.UpsertAsync(Candidate("srv-01", 90), TestContext.Current.CancellationToken); // already migrating
        await world.Candidates.UpsertAsync(Candidate("web-02", 80), TestContext.Current.CancellationToken);
        await world.Candidates.UpsertAsync(Candidate("web-03", 20), TestContext.Current.CancellationToken); // below MinCandidateRisk
        await world.Candidates.UpsertAsync(Candidate("ghost", 95), TestContext.Current.CancellationToken);  // unknown server
        world.Servers.Add(new ServerProfile(TestDecisions.Source("web-02") with { Region = "northeurope" }, null!));

        var round = await world.PlanActivity().RunAsync(new("test", "i"), new PlanConnectorsInput(T0), TestContext.Current.CancellationToken);

        Assert.Equal(2, round.LoadItems);
        Assert.Equal(["northeurope", "westeurope"], round.Plan.Regions.Select(r => r.Region));
        Assert.Contains(round.Warnings, w => w.Contains("ghost", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromMinutes(5), round.Interval);
    }

    [Fact]
    public async Task Plan_SourceDiskSizeKnown_ForecastsThoseBytesAndTheDefaultOnlyWhenUnknown()
    {
        // Arrange: mig-01's decision carries a 2 TB disk, mig-02's none (the world's default is 90 GB); the candidate's
        // server has a 1.5 TB disk in the directory. With no history the rate is the default 50 MB/s.
        var world = new ConnectorWorld().WithBurst(2, T0);
        var big = world.Migrations.Records["mig-01"];
        world.Migrations.Records["mig-01"] = big with { Decision = big.Decision with { Source = big.Decision.Source with { DiskBytes = 2_000_000_000_000 } } };
        await world.Candidates.UpsertAsync(new MigrationCandidate("web-09", T0, CandidateSource.Forecast, 80, null, null, TimeSpan.FromHours(3), [], null, "v1"), TestContext.Current.CancellationToken);
        world.Servers.Add(new ServerProfile(TestDecisions.Source("web-09") with { DiskBytes = 1_500_000_000_000 }, null!));

        // Act
        var round = await world.PlanActivity().RunAsync(new("test", "i"), new PlanConnectorsInput(T0), TestContext.Current.CancellationToken);

        // Assert: the big copies cannot fit their windows (2 TB: 11 h > the 4 h SLA; 1.5 TB: 8.3 h > 3 h); 90 GB fits.
        var late = round.Plan.Bottlenecks.Where(b => b.Kind is BottleneckKind.DeadlineImpossible or BottleneckKind.DeadlineAtRisk).ToDictionary(b => b.MigrationId!, b => b.Detail);
        Assert.Equal(["candidate-web-09", "mig-01"], late.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("2000 GB ", late["mig-01"], StringComparison.Ordinal);
        Assert.StartsWith("1500 GB ", late["candidate-web-09"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 7L)]
    [InlineData(0L, 7L)]
    [InlineData(123L, 123L)]
    public void DataBytes_IsTheDiskSizeWhenKnownElseTheDefault(long? diskBytes, long expected)
    {
        Assert.Equal(expected, ConnectorLoad.DataBytes(TestDecisions.Source() with { DiskBytes = diskBytes }, 7));
    }

    [Fact]
    public void FromFullCopy_SeveralTargets_TakesTheSourceBytesOverTheSlowestCopy()
    {
        var decision = TestDecisions.Single("mig-6", targets: 2);
        var fast = new ReplicationCycle("mig-6-t0", 0, true, 50_000_000_000, 20_000_000_000, 10, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        var slow = fast with { MigrationId = "mig-6-t1", Duration = TimeSpan.FromMinutes(25) };

        var o = MigrationObservations.FromFullCopy(decision, [fast, slow], T0);

        Assert.Equal(new MigrationObservation("mig-6", "westeurope", T0.AddMinutes(-25), 50_000_000_000, TimeSpan.FromMinutes(25), true), o);
        Assert.Throws<ArgumentException>(() => MigrationObservations.FromFullCopy(decision, Array.Empty<ReplicationCycle>(), T0));
        Assert.Throws<ArgumentException>(() => MigrationObservations.FromFullCopy(decision, [fast, slow with { Cycle = 1, Full = false }], T0));
    }

    [Fact]
    public void FromFullCopy_ObservesTheCycleZeroTransfer()
    {
        var decision = TestDecisions.Single("mig-5");
        var cycle = new ReplicationCycle("mig-5", 0, true, 80_000_000_000, 80_000_000_000, 100, TimeSpan.Zero, TimeSpan.FromMinutes(20));

        var o = MigrationObservations.FromFullCopy(decision, cycle, T0);

        Assert.Equal(new MigrationObservation("mig-5", "westeurope", T0.AddMinutes(-20), 80_000_000_000, TimeSpan.FromMinutes(20), true), o);
        Assert.Throws<ArgumentException>(() => MigrationObservations.FromFullCopy(decision, cycle with { Cycle = 1, Full = false }, T0));
    }

    [Fact]
    public async Task RecordObservation_ThenPlan_LearnsTheRate()
    {
        var world = new ConnectorWorld();
        var observation = new MigrationObservation("mig-5", "westeurope", T0.AddDays(-1), 90_000_000_000, TimeSpan.FromSeconds(900), true);

        await new RecordMigrationObservationActivity(world.Store).RunAsync(new("test", "i"), observation, TestContext.Current.CancellationToken);
        var round = await world.PlanActivity().RunAsync(new("test", "i"), new PlanConnectorsInput(T0), TestContext.Current.CancellationToken);

        Assert.Equal(1, round.Observations);
        Assert.Equal(observation, world.Store.Observations["mig-5"]);
    }
}
