namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>What an orchestration dispatcher decided for each message of an instance before running an episode.</summary>
internal sealed class MessageTriage
{
    /// <summary>Messages the episode consumes, in arrival order.</summary>
    public List<(MessageLease Lease, WorkMessage Message)> Apply { get; } = [];

    /// <summary>Messages to delete without effect: duplicates, stale, or for a finished instance.</summary>
    public List<MessageLease> Finished { get; } = [];

    /// <summary>Episodes whose outbox is sent again because a message they consumed came back.</summary>
    public HashSet<EpisodeRecord> Resend { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Timers not yet due by the orchestration clock: re-enqueued, then deleted.</summary>
    public List<(MessageLease Lease, WorkMessage Message, DateTimeOffset DueAt)> NotDue { get; } = [];

    /// <summary>Events that arrived before their execution started: released for a later try.</summary>
    public List<MessageLease> Deferred { get; } = [];

    /// <summary>Set when a message went over the dequeue limit: the episode fails the instance with this reason.</summary>
    public string? PoisonReason { get; set; }
}
