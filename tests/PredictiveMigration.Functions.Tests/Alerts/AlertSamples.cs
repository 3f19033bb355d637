using PredictiveMigration.Domain.Forecasting;
using PredictiveMigration.Domain.Migrations;

namespace PredictiveMigration.Functions.Tests.Alerts;

/// <summary>Forecasts and migration decisions built in code for the alert tests.</summary>
internal static class AlertSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A forecast whose risk comes from the given resources (score per resource; the server score is the highest).</summary>
    public static ServerForecast Forecast(string server, DateTimeOffset at, params (ResourceKind Resource, int Score)[] resources)
    {
        var risks = resources.Select(r => new ResourceRisk(
            r.Resource,
            90,
            r.Score / 100.0,
            r.Score >= 70 ? TimeSpan.FromMinutes(40) : null,
            r.Score >= 70 ? TimeSpan.FromMinutes(25) : null,
            null,
            8,
            r.Score)).ToList();
        var score = resources.Length == 0 ? 0 : resources.Max(r => r.Score);
        var reasons = resources.Where(r => r.Score >= 70)
            .Select(r => new RiskReason(RiskReasonCode.ForecastCrossesThreshold, r.Resource, $"{r.Resource} forecast reaches 97 % in 40 min"))
            .Append(new RiskReason(RiskReasonCode.RisingTrend, null, "trend +8 %/h"))
            .ToList();
        return new ServerForecast(new RiskAssessment(server, at, score, [], risks, HealthSignals.None, reasons, "v3"), null, [], "model", 288);
    }

    public static MigrationDecision Decision(string id, string server = "web-01") => new(
        id,
        server,
        "memory forecast reaches 97 % in 40 min",
        MigrationStrategy.Migrate,
        new MigrationSource(server, "rg-prod", server + "-vm", "westeurope", "Standard_D4s_v5", 4, "disk-0", "web", "http://10.0.0.4/"),
        [new MigrationTarget(0, "rg-prod", server + "-vm-m1", "westeurope", "disk-1", "http://10.0.0.5/", [new SizingPhase(T0, "Standard_D8s_v5", 8)])],
        new MigrationSla(),
        ApprovalRequired: false,
        ApprovalTimeout: TimeSpan.FromMinutes(10),
        DryRun: false,
        TrafficSteps: [10, 50, 100],
        BakeTime: TimeSpan.FromMinutes(1),
        Rpo: TimeSpan.FromSeconds(10),
        MaxReplicationCycles: 3,
        ReplicationInterval: TimeSpan.FromSeconds(1),
        RollbackWindow: TimeSpan.Zero,
        NotBefore: null,
        Deadline: T0.AddMinutes(40),
        RiskScore: 93,
        CandidateSource: CandidateSource.Forecast,
        DecidedAt: T0,
        Explanation: "test");

    public static MigrationProgress Progress(string id, int sequence, MigrationStatus status, MigrationStep step, MigrationStepState state, string detail = "", string? outcome = null) =>
        new(id, new MigrationStepEntry(sequence, step, state, T0.AddMinutes(sequence), detail), status, sequence * 10, outcome);
}
