using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Domain.Placement;
using PredictiveMigration.Workflows.Deciding;
using PredictiveMigration.Workflows.Tests.Support;
using PlacementDemand = PredictiveMigration.Domain.Placement.ResourceDemand;

namespace PredictiveMigration.Workflows.Tests.Deciding;

public sealed class MigrationControllerTests
{
    // Monday 2026-03-02 10:00 UTC.
    private static readonly DateTimeOffset Now = TestDecisions.T0;

    private static readonly PlacementTarget[] Sizes =
    [
        new("we-d2", TargetKind.NewVm, "westeurope", "Standard_D2s_v5", new PlacementDemand(2, 8, 3200, 1000), 70),
        new("we-d4", TargetKind.NewVm, "westeurope", "Standard_D4s_v5", new PlacementDemand(4, 16, 6400, 2000), 140),
        new("we-d8", TargetKind.NewVm, "westeurope", "Standard_D8s_v5", new PlacementDemand(8, 32, 12800, 4000), 280),
        new("ne-d4", TargetKind.NewVm, "northeurope", "Standard_D4s_v5", new PlacementDemand(4, 16, 6400, 2000), 150),
        new("ne-d8", TargetKind.NewVm, "northeurope", "Standard_D8s_v5", new PlacementDemand(8, 32, 12800, 4000), 300),
    ];

    private readonly InMemoryCandidates _candidates = new();
    private readonly InMemoryMigrations _migrations = new();
    private readonly RecordingLauncher _launcher = new();

    [Fact]
    public async Task RunAsync_MoreCandidatesThanTheLimit_LaunchesHighestRiskFirstAndDefersTheRest()
    {
        // Arrange
        var controller = Controller(new MigrationPolicy { MaxConcurrent = 2, ApprovalEnvironments = [] }, Server("a"), Server("b"), Server("c"));
        await Candidate("a", 70);
        await Candidate("b", 95);
        await Candidate("c", 85);

        // Act
        var pass = await controller.RunAsync(CancellationToken.None);

        // Assert
        Assert.Equal(["b", "c"], pass.Launched.Select(d => d.ServerId));
        Assert.Equal(["b", "c"], _launcher.Launched.Select(d => d.ServerId));
        Assert.Equal("a", Assert.Single(pass.Deferred).ServerId);
        Assert.Contains("limit of 2", pass.Deferred[0].Reason, StringComparison.Ordinal);
        Assert.True(_candidates.Open.ContainsKey("a"));
        Assert.Equal(MigrationStatus.Scheduled, _migrations.Records[pass.Launched[0].MigrationId].Status);
    }

    [Fact]
    public async Task RunAsync_ServerAlreadyMigrating_DefersItsNewCandidate()
    {
        // Arrange
        var controller = Controller(new MigrationPolicy { ApprovalEnvironments = [] }, Server("a"));
        await Candidate("a", 90, detectedAt: Now.AddHours(-1));
        await controller.RunAsync(CancellationToken.None);
        await Candidate("a", 95);

        // Act
        var pass = await controller.RunAsync(CancellationToken.None);

        // Assert
        Assert.Empty(pass.Launched);
        Assert.Contains("already running", Assert.Single(pass.Deferred).Reason, StringComparison.Ordinal);
        Assert.Single(_launcher.Launched);
    }

    [Fact]
    public async Task RunAsync_BelowThreshold_SkipsForecastsButNotManualRequests()
    {
        // Arrange
        var controller = Controller(new MigrationPolicy { MinRiskScore = 60, ApprovalEnvironments = [] }, Server("a"), Server("b"));
        await Candidate("a", 40);
        await Candidate("b", 10, source: CandidateSource.Manual);

        // Act
        var pass = await controller.RunAsync(CancellationToken.None);

        // Assert
        Assert.Equal("b", Assert.Single(pass.Launched).ServerId);
        Assert.Contains("below the threshold", Assert.Single(pass.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ApprovalPolicy_AppliesPerEnvironmentAndRiskBand()
    {
        // Arrange
        var policy = new MigrationPolicy { ApprovalEnvironments = ["prod"], ApprovalRiskBands = [new RiskBand(60, 75)] };
        var controller = Controller(policy, Server("p", environment: "prod"), Server("t", environment: "test"), Server("band", environment: "test"));
        await Candidate("p", 95);
        await Candidate("t", 95);
        await Candidate("band", 70);

        // Act
        var pass = await controller.RunAsync(CancellationToken.None);

        // Assert
        var byServer = pass.Launched.ToDictionary(d => d.ServerId);
        Assert.True(byServer["p"].ApprovalRequired);
        Assert.False(byServer["t"].ApprovalRequired);
        Assert.True(byServer["band"].ApprovalRequired);
    }

    [Fact]
    public async Task RunAsync_DryRun_RecordsDecisionsAndStartsNothing()
    {
        // Arrange
        var controller = Controller(new MigrationPolicy { DryRun = true, MaxConcurrent = 1 }, Server("a"), Server("b"));
        await Candidate("a", 90);
        await Candidate("b", 80);

        // Act
        var pass = await controller.RunAsync(CancellationToken.None);
        var again = await controller.RunAsync(CancellationToken.None);

        // Assert
        Assert.Equal(2, pass.DryRuns.Count);
        Assert.All(pass.DryRuns, d => Assert.True(d.DryRun));
        Assert.Empty(_launcher.Launched);
        Assert.Empty(_candidates.Consumed);
        Assert.All(_migrations.Records.Values, r => Assert.Equal(MigrationStatus.DryRun, r.Status));
        Assert.Equal(2, _migrations.Records.Count);
        Assert.Empty(again.DryRuns);
    }

    [Fact]
    public async Task RunAsync_DeadlineAllowsAWindow_StartsInTheNextMaintenanceWindow()
    {
        // Arrange: window Saturday 02:00 for 4 h; exhaustion in 10 days.
        var window = new MaintenanceWindow(DayOfWeek.Saturday, new TimeOnly(2, 0), TimeSpan.FromHours(4));
        var controller = Controller(new MigrationPolicy { MaintenanceWindows = [window], ApprovalEnvironments = [] }, Server("a"));
        await Candidate("a", 90, earliest: TimeSpan.FromDays(10));

        // Act
        var decision = Assert.Single((await controller.RunAsync(CancellationToken.None)).Launched);

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 2, 0, 0, TimeSpan.Zero), decision.NotBefore);
        Assert.Equal(Now.AddDays(10), decision.Deadline);
    }

    [Fact]
    public async Task RunAsync_DeadlineBeforeTheWindow_StartsAtOnce()
    {
        // Arrange: the window is on Saturday, exhaustion in 12 h.
        var window = new MaintenanceWindow(DayOfWeek.Saturday, new TimeOnly(2, 0), TimeSpan.FromHours(4));
        var controller = Controller(new MigrationPolicy { MaintenanceWindows = [window], ApprovalEnvironments = [] }, Server("a"));
        await Candidate("a", 90, earliest: TimeSpan.FromHours(12));

        // Act
        var decision = Assert.Single((await controller.RunAsync(CancellationToken.None)).Launched);

        // Assert
        Assert.Null(decision.NotBefore);
    }

    [Fact]
    public async Task RunAsync_FailurePrediction_GoesFirstAndIgnoresWindows()
    {
        // Arrange
        var window = new MaintenanceWindow(DayOfWeek.Saturday, new TimeOnly(2, 0), TimeSpan.FromHours(4));
        var controller = Controller(new MigrationPolicy { MaintenanceWindows = [window], MaxConcurrent = 1, ApprovalEnvironments = [] }, Server("a"), Server("f"));
        await Candidate("a", 99, earliest: TimeSpan.FromDays(10));
        await Candidate("f", 50, source: CandidateSource.FailurePrediction);

        // Act
        var pass = await controller.RunAsync(CancellationToken.None);

        // Assert
        var decision = Assert.Single(pass.Launched);
        Assert.Equal("f", decision.ServerId);
        Assert.Null(decision.NotBefore);
        Assert.Equal(MigrationStrategy.Migrate, decision.Strategy);
    }

    [Fact]
    public async Task RunAsync_GrowingProfile_SizesInPhasesNeverBelowCurrentUse()
    {
        // Arrange: uses 1.5 cores now; the profile's upper bound grows from 1 to 5 cores over 6 hours.
        var controller = Controller(new MigrationPolicy { ApprovalEnvironments = [] }, Server("a", currentCores: 1.5));
        var points = Enumerable.Range(0, 7).Select(h => new ProfilePoint(Now.AddHours(h),
            new Domain.Forecasting.ResourceDemand(0.5 + (h * 0.6), 1e9, 100, 1e5), new Domain.Forecasting.ResourceDemand(1 + (h * 0.66), 2e9, 200, 2e5))).ToList();
        await Candidate("a", 90, profile: new PredictedResourceProfile("a", Now, TimeSpan.FromHours(1), 0.9, points));

        // Act
        var decision = Assert.Single((await controller.RunAsync(CancellationToken.None)).Launched);

        // Assert
        var phases = decision.Targets[0].Phases;
        Assert.Equal(["Standard_D2s_v5", "Standard_D4s_v5", "Standard_D8s_v5"], phases.Select(p => p.Size));
        Assert.Equal(Now, phases[0].At);
        Assert.True(phases[1].At > Now && phases[2].At > phases[1].At);
        Assert.Equal(8, decision.Targets[0].PeakCores);
        Assert.Equal(MigrationStrategy.ResizeInPlace, decision.Strategy);
    }

    [Fact]
    public async Task RunAsync_RecordedButNotLaunched_LaunchesAgainOnTheNextPass()
    {
        // Arrange: a pass that recorded the migration and died before launching it.
        var controller = Controller(new MigrationPolicy { ApprovalEnvironments = [] }, Server("a"));
        await Candidate("a", 90);
        var crashed = await Controller(new MigrationPolicy { ApprovalEnvironments = [], DryRun = false }, Server("a")).RunAsync(CancellationToken.None);
        _launcher.Launched.Clear();
        await Candidate("a", 90);

        // Act
        var pass = await controller.RunAsync(CancellationToken.None);

        // Assert
        Assert.Equal(crashed.Launched[0].MigrationId, Assert.Single(pass.Launched).MigrationId);
        Assert.Single(_migrations.Records);
        Assert.False(_candidates.Open.ContainsKey("a"));
    }

    [Fact]
    public async Task PlanRecoveryAsync_FailedRegion_MovesEveryServerElsewhereInPriorityOrder()
    {
        // Arrange
        var controller = Controller(new MigrationPolicy { RecoveryParallelism = 2 },
            Server("low", priority: 50), Server("high", priority: 1), Server("elsewhere", region: "northeurope"));

        // Act
        var (plan, unplaceable) = await controller.PlanRecoveryAsync("westeurope", CancellationToken.None);

        // Assert
        Assert.Empty(unplaceable);
        Assert.Equal(["high", "low"], plan.InPriorityOrder().Select(d => d.ServerId));
        Assert.All(plan.Migrations, d =>
        {
            Assert.Equal(MigrationStrategy.MoveRegion, d.Strategy);
            Assert.False(d.ApprovalRequired);
            Assert.Equal("northeurope", d.Targets[0].Region);
        });
        Assert.Equal(2, plan.MaxParallel);
    }

    [Fact]
    public void Constructor_InvalidPolicy_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => Controller(new MigrationPolicy { MaxConcurrent = 0 }));
        Assert.Contains("Migrations:MaxConcurrent", ex.Message, StringComparison.Ordinal);
    }

    private MigrationController Controller(MigrationPolicy policy, params ServerProfile[] servers) =>
        new(_candidates, _migrations, new FakeDirectory(servers), new FakeCatalog(new PlacementCatalog(Sizes, null)), _launcher,
            new PlacementPolicy(Headroom: 0.2), (_, _) => 10, policy, new ManualTime(Now));

    private static ServerProfile Server(string id, string environment = "prod", double currentCores = 1, int priority = 100, string region = "westeurope") =>
        new(TestDecisions.Source(id, priority) with { Environment = environment, Region = region },
            new PlacementRequest(id, new PlacementDemand(currentCores, 2, 100, 10), region, 70, region, 100));

    private Task Candidate(string server, int risk, CandidateSource source = CandidateSource.Forecast, TimeSpan? earliest = null, PredictedResourceProfile? profile = null, DateTimeOffset? detectedAt = null) =>
        _candidates.UpsertAsync(new MigrationCandidate(server, detectedAt ?? Now, source, risk, ResourceKind.Cpu, earliest, earliest, ["cpu"], profile, "v1"), CancellationToken.None);
}
