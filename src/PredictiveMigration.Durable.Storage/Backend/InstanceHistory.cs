using PredictiveMigration.Durable.Protobuf;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>An instance's partition as read in one query: its row, and every history row in key order.</summary>
internal sealed class InstanceHistory
{
    private readonly Dictionary<string, EpisodeRecord> _consumedBy = new(StringComparer.Ordinal);

    public InstanceHistory(InstanceRecord state, IReadOnlyList<EpisodeRecord> episodes)
    {
        State = state;
        Episodes = episodes;
        var current = new List<HistoryEvent>();
        foreach (EpisodeRecord episode in episodes)
        {
            foreach (string id in episode.Consumed)
            {
                _consumedBy.TryAdd(id, episode);
            }

            if (episode.Generation == state.Generation)
            {
                current.AddRange(episode.Events);
            }
        }

        CurrentEvents = current;
        IsStarted = current.Any(e => e.EventTypeCase == HistoryEvent.EventTypeOneofCase.ExecutionStarted);
        CompletedTaskIds = current.Select(CompletionId).OfType<int>().ToHashSet();
    }

    public InstanceRecord State { get; }

    /// <summary>All history rows, every generation, in order.</summary>
    public IReadOnlyList<EpisodeRecord> Episodes { get; }

    /// <summary>The current execution's history (what the orchestrator replays).</summary>
    public IReadOnlyList<HistoryEvent> CurrentEvents { get; }

    /// <summary>Whether the current execution's executionStarted is recorded.</summary>
    public bool IsStarted { get; }

    /// <summary>The ids of tasks, timers and sub-orchestrations whose completion is recorded in the current execution.</summary>
    public IReadOnlySet<int> CompletedTaskIds { get; }

    /// <summary>The episode that consumed message <paramref name="messageId"/>, if any.</summary>
    public EpisodeRecord? ConsumedBy(string messageId) => _consumedBy.GetValueOrDefault(messageId);

    /// <summary>The task, timer or sub-orchestration id an event completes; null for other events.</summary>
    public static int? CompletionId(HistoryEvent historyEvent) => historyEvent.EventTypeCase switch
    {
        HistoryEvent.EventTypeOneofCase.TaskCompleted => historyEvent.TaskCompleted.TaskScheduledId,
        HistoryEvent.EventTypeOneofCase.TaskFailed => historyEvent.TaskFailed.TaskScheduledId,
        HistoryEvent.EventTypeOneofCase.TimerFired => historyEvent.TimerFired.TimerId,
        HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCompleted => historyEvent.SubOrchestrationInstanceCompleted.TaskScheduledId,
        HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceFailed => historyEvent.SubOrchestrationInstanceFailed.TaskScheduledId,
        _ => null,
    };
}
