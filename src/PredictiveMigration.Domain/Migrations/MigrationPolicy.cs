namespace PredictiveMigration.Domain.Migrations;

/// <summary>
/// How the migration controller decides (configuration section <c>Migrations</c>). Defaults in brackets.
/// </summary>
public sealed record MigrationPolicy
{
    /// <summary>Forecast candidates below this risk score are left alone [60]. Manual requests and failure predictions always count.</summary>
    public int MinRiskScore { get; init; } = 60;

    /// <summary>Environments whose migrations need an operator's approval [prod].</summary>
    public IReadOnlyList<string> ApprovalEnvironments { get; init; } = ["prod"];

    /// <summary>Risk bands (inclusive) whose migrations need approval wherever they run [none].</summary>
    public IReadOnlyList<RiskBand> ApprovalRiskBands { get; init; } = [];

    /// <summary>How long an approval may take before the migration is rejected [4 h].</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Decide and record only; start nothing [false].</summary>
    public bool DryRun { get; init; }

    /// <summary>Migrations running at once, fleet-wide [5]. One per server always.</summary>
    public int MaxConcurrent { get; init; } = 5;

    /// <summary>Weekly windows to start in when the deadline allows [none: start at once].</summary>
    public IReadOnlyList<MaintenanceWindow> MaintenanceWindows { get; init; } = [];

    /// <summary>What a migration is expected to take, to finish before the predicted exhaustion [2 h].</summary>
    public TimeSpan ExpectedDuration { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Progressive traffic steps in percent [10, 50, 100].</summary>
    public IReadOnlyList<int> TrafficSteps { get; init; } = [10, 50, 100];

    /// <summary>Bake time after each traffic step [5 min].</summary>
    public TimeSpan BakeTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Replication lag to reach before shifting traffic [30 s].</summary>
    public TimeSpan Rpo { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Delta cycles allowed to reach the RPO [20].</summary>
    public int MaxReplicationCycles { get; init; } = 20;

    /// <summary>Wait between delta cycles [1 min].</summary>
    public TimeSpan ReplicationInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Keep the source this long after cut-over [24 h].</summary>
    public TimeSpan RollbackWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The SLA the target is verified against.</summary>
    public MigrationSla Sla { get; init; } = new();

    /// <summary>The first sizing phase covers this much of the predicted profile [1 h].</summary>
    public TimeSpan FirstPhase { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The target endpoint's address; <c>{vm}</c> and <c>{region}</c> are replaced [{vm}.{region}.cloudapp.azure.com].</summary>
    public string TargetEndpointTemplate { get; init; } = "{vm}.{region}.cloudapp.azure.com";

    /// <summary>Recovery plans: migrations of a failed region running at once [4].</summary>
    public int RecoveryParallelism { get; init; } = 4;

    /// <summary>Whether <paramref name="environment"/> and <paramref name="riskScore"/> need an approval.</summary>
    public bool NeedsApproval(string environment, int riskScore) =>
        ApprovalEnvironments.Contains(environment, StringComparer.OrdinalIgnoreCase) || ApprovalRiskBands.Any(b => b.Contains(riskScore));

    /// <summary>Throws an <see cref="ArgumentException"/> naming the setting.</summary>
    public void Validate()
    {
        Check(MinRiskScore is >= 0 and <= 100, nameof(MinRiskScore), "must be 0-100");
        Check(ApprovalTimeout > TimeSpan.Zero, nameof(ApprovalTimeout), "must be positive");
        Check(MaxConcurrent >= 1, nameof(MaxConcurrent), "must be at least 1");
        Check(ExpectedDuration > TimeSpan.Zero, nameof(ExpectedDuration), "must be positive");
        Check(TrafficSteps.Count > 0 && TrafficSteps.All(s => s is > 0 and <= 100) && TrafficSteps.Zip(TrafficSteps.Skip(1)).All(p => p.First < p.Second), nameof(TrafficSteps), "must be increasing percentages in 1-100");
        Check(BakeTime >= TimeSpan.Zero, nameof(BakeTime), "must not be negative");
        Check(Rpo > TimeSpan.Zero, nameof(Rpo), "must be positive");
        Check(MaxReplicationCycles >= 1, nameof(MaxReplicationCycles), "must be at least 1");
        Check(RollbackWindow >= TimeSpan.Zero, nameof(RollbackWindow), "must not be negative");
        Check(FirstPhase > TimeSpan.Zero, nameof(FirstPhase), "must be positive");
        Check(TargetEndpointTemplate.Contains("{vm}", StringComparison.Ordinal), nameof(TargetEndpointTemplate), "must contain {vm}");
        Check(RecoveryParallelism >= 1, nameof(RecoveryParallelism), "must be at least 1");
        Check(MaintenanceWindows.All(w => w.Duration > TimeSpan.Zero && w.Duration <= TimeSpan.FromDays(7)), nameof(MaintenanceWindows), "durations must be between 0 and 7 days");
        Check(ApprovalRiskBands.All(b => b.Min <= b.Max), nameof(ApprovalRiskBands), "bands need Min <= Max");
    }

    private static void Check(bool ok, string setting, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"Migrations:{setting} {message}.", setting);
        }
    }
}
