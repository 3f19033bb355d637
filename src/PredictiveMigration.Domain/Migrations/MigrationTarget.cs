namespace PredictiveMigration.Domain.Migrations;

/// <summary>
/// One target VM of a migration (several for a split). Its names are derived from the migration id, so every retry
/// and every replay addresses the same resources.
/// </summary>
/// <param name="Index">0-based position among the migration's targets.</param>
/// <param name="ResourceGroup">Where the target VM goes.</param>
/// <param name="VmName">The target VM's deterministic name.</param>
/// <param name="Region">The target region.</param>
/// <param name="Disk">The target disk replication writes to.</param>
/// <param name="Endpoint">The target's endpoint target (address) in the traffic profile.</param>
/// <param name="Phases">Sizes along the predicted demand, first phase first; never below what the source uses now.</param>
public sealed record MigrationTarget(
    int Index,
    string ResourceGroup,
    string VmName,
    string Region,
    string Disk,
    string Endpoint,
    IReadOnlyList<SizingPhase> Phases)
{
    /// <summary>The endpoint name of this target in the traffic profile.</summary>
    public string EndpointName => VmName;

    /// <summary>The largest phase's cores: what is reserved for the target.</summary>
    public int PeakCores => Phases.Count == 0 ? 0 : Phases.Max(p => p.Cores);
}
