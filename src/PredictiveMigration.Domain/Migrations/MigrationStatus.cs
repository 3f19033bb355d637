namespace PredictiveMigration.Domain.Migrations;

/// <summary>Where a migration stands. The last five are final.</summary>
public enum MigrationStatus
{
    /// <summary>Decided, not started (waiting for its scheduled time or a free slot).</summary>
    Scheduled = 0,

    /// <summary>Waiting for an operator's approval.</summary>
    AwaitingApproval = 1,

    /// <summary>Steps are running.</summary>
    Running = 2,

    /// <summary>A failure, rejection or cancellation is being undone.</summary>
    RollingBack = 3,

    /// <summary>Moved: traffic on the target, the source decommissioned or kept for the rollback window.</summary>
    Completed = 4,

    /// <summary>Undone after a failure; the reason says which step failed and why.</summary>
    RolledBack = 5,

    /// <summary>Rejected by an operator or not approved in time; nothing was touched.</summary>
    Rejected = 6,

    /// <summary>Cancelled through the API; whatever was done is undone.</summary>
    Cancelled = 7,

    /// <summary>Dry run: the decision is recorded, nothing was done.</summary>
    DryRun = 8,

    /// <summary>A compensation itself failed: an operator must look (the reason names what is left).</summary>
    Failed = 9,
}
