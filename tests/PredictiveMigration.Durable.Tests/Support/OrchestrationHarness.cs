using Google.Protobuf.WellKnownTypes;
using PredictiveMigration.Durable.Protobuf;
using PredictiveMigration.Durable.Replay;

namespace PredictiveMigration.Durable.Tests.Support;

/// <summary>
/// Plays the backend for replay tests: sends episodes to the executor and records the returned actions in the
/// history exactly as the vectors' README describes (action → recorded event with eventId = action id, then
/// orchestratorCompleted).
/// </summary>
internal sealed class OrchestrationHarness
{
    public static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly OrchestrationExecutor _executor;
    private readonly List<HistoryEvent> _history = [];

    public OrchestrationHarness(DurableTaskRegistry registry, DurableTaskOptions? options = null, string instanceId = "inst1")
    {
        _executor = new OrchestrationExecutor(registry, options);
        InstanceId = instanceId;
        Now = T0;
    }

    public string InstanceId { get; }

    public DateTime Now { get; private set; }

    public IReadOnlyList<HistoryEvent> History => _history;

    public OrchestratorRequest? LastRequest { get; private set; }

    public OrchestratorResponse Start(string name, string? inputJson) =>
        Episode([Events.ExecutionStarted(Now, name, inputJson, InstanceId)]);

    public OrchestrationHarness Advance(TimeSpan by)
    {
        Now = Now.Add(by);
        return this;
    }

    public OrchestrationHarness At(DateTime time)
    {
        Now = time;
        return this;
    }

    /// <summary>One episode at <see cref="Now"/> delivering <paramref name="events"/>.</summary>
    public OrchestratorResponse Deliver(params HistoryEvent[] events) => Episode(events);

    /// <summary>Runs the executor on the recorded history with no new events except an orchestratorStarted.</summary>
    public OrchestratorResponse Replay() => _executor.Execute(new OrchestratorRequest
    {
        InstanceId = InstanceId,
        PastEvents = { _history },
        NewEvents = { Events.OrchestratorStarted(Now) },
    });

    private OrchestratorResponse Episode(IEnumerable<HistoryEvent> events)
    {
        var newEvents = new List<HistoryEvent> { Events.OrchestratorStarted(Now) };
        foreach (HistoryEvent historyEvent in events)
        {
            HistoryEvent stamped = historyEvent.Clone();
            stamped.Timestamp ??= Timestamp.FromDateTime(Now);
            newEvents.Add(stamped);
        }

        LastRequest = new OrchestratorRequest
        {
            InstanceId = InstanceId,
            ExecutionId = "exec1",
            PastEvents = { _history },
            NewEvents = { newEvents },
        };
        OrchestratorResponse response = _executor.Execute(LastRequest);

        _history.AddRange(newEvents);
        foreach (OrchestratorAction action in response.Actions)
        {
            if (Events.RecordedFor(action, Now) is { } recorded)
            {
                _history.Add(recorded);
            }
        }

        _history.Add(Events.OrchestratorCompleted(Now));
        return response;
    }
}
