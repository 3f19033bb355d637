namespace PredictiveMigration.Domain.Alerts;

/// <summary>What an alert is about. Subscriptions filter on it; the generic payload carries it in camelCase.</summary>
public enum AlertKind
{
    /// <summary>A server's risk score crossed the high-risk threshold.</summary>
    HighRisk = 0,

    /// <summary>A migration began (after any approval gate).</summary>
    MigrationStarted = 1,

    /// <summary>A migration finished: traffic is on the target and the source is decommissioned.</summary>
    MigrationCompleted = 2,

    /// <summary>A migration was undone: traffic is back on the source and the target is removed.</summary>
    MigrationRolledBack = 3,

    /// <summary>A migration stopped in a state that needs an operator (rollback itself failed, or it could not start).</summary>
    MigrationFailed = 4,

    /// <summary>Sent by the alert system itself: how many alerts throttling kept from one subscription in a window.</summary>
    ThrottleSummary = 5,
}
