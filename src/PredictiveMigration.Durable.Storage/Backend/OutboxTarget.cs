namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>Which queue an outbox message goes to.</summary>
internal enum OutboxTarget
{
    /// <summary>The orchestrator work queue (<c>{hub}-control</c>).</summary>
    Control,

    /// <summary>The activity work queue (<c>{hub}-workitems</c>).</summary>
    WorkItems,
}
