namespace PredictiveMigration.Domain.Migrations;

/// <summary>A migration as the API lists it: its decision, where it stands, and (when read singly) its timeline.</summary>
/// <param name="Decision">The decision it carries out.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Step">The current (or last) step.</param>
/// <param name="Progress">0-100.</param>
/// <param name="Outcome">Why it ended the way it did (or the failure being compensated); null while all goes well.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Timeline">The step entries, in sequence order (empty in listings).</param>
public sealed record MigrationRecord(
    MigrationDecision Decision,
    MigrationStatus Status,
    MigrationStep Step,
    int Progress,
    string? Outcome,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<MigrationStepEntry> Timeline)
{
    public string MigrationId => Decision.MigrationId;

    public string ServerId => Decision.ServerId;

    /// <summary>Whether the migration still holds its server's slot (not final).</summary>
    public bool IsActive => Status is MigrationStatus.Scheduled or MigrationStatus.AwaitingApproval or MigrationStatus.Running or MigrationStatus.RollingBack;
}
