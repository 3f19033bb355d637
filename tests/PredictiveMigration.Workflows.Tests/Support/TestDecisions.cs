using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Workflows.Tests.Support;

internal static class TestDecisions
{
    public static readonly DateTimeOffset T0 = new(WorkflowHarness.T0, TimeSpan.Zero);

    public static MigrationSource Source(string server = "web-01", int priority = 100) =>
        new(server, "rg", $"{server}-vm", "westeurope", "Standard_D2s_v5", 2, $"/disks/{server}.img", "tm-" + server, $"{server}.example.net", "prod", priority);

    public static MigrationDecision Single(string id = "mig-1", string server = "web-01", int targets = 1, IReadOnlyList<SizingPhase>? phases = null, int priority = 100) => new(
        id,
        server,
        "CPU forecast crosses 90 % in 6 h",
        targets > 1 ? MigrationStrategy.Split : MigrationStrategy.Migrate,
        Source(server, priority),
        [.. Enumerable.Range(0, targets).Select(i => new MigrationTarget(i, "rg", $"{server}-vm-m{i}", "westeurope", $"/disks/{server}-m{i}.img", $"{server}-m{i}.example.net",
            phases ?? [new SizingPhase(T0, "Standard_D4s_v5", 4)]))],
        new MigrationSla(),
        ApprovalRequired: false,
        ApprovalTimeout: TimeSpan.FromHours(4),
        DryRun: false,
        TrafficSteps: [10, 50, 100],
        BakeTime: TimeSpan.FromMinutes(5),
        Rpo: TimeSpan.FromSeconds(30),
        MaxReplicationCycles: 5,
        ReplicationInterval: TimeSpan.FromMinutes(1),
        RollbackWindow: TimeSpan.Zero,
        NotBefore: null,
        Deadline: T0.AddHours(6),
        RiskScore: 80,
        CandidateSource: CandidateSource.Forecast,
        DecidedAt: T0,
        Explanation: "test");
}
