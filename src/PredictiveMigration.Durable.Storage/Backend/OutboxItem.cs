namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// A message an episode sends once it is committed. The outbox is stored in the episode's history row, so a crash
/// between the commit and the sends is repaired: when the consumed messages come back, they are recognised as
/// duplicates and the outbox is sent again (every message id is deterministic, so receivers discard the copies).
/// </summary>
/// <param name="Target">The queue.</param>
/// <param name="Message">The message.</param>
/// <param name="VisibleAt">For timers: when it is due (the delay is computed when sending, so a re-send waits only the rest).</param>
/// <param name="CreateInstance">For sub-orchestrations: the instance row to create first.</param>
internal sealed record OutboxItem(OutboxTarget Target, WorkMessage Message, DateTimeOffset? VisibleAt = null, InstanceSeed? CreateInstance = null);
