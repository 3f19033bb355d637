using PredictiveMigration.Durable.Logging;

namespace PredictiveMigration.Durable;

/// <summary>
/// What orchestrator code may use. Everything here is recorded in, or derived from, the orchestration history,
/// so the same history always produces the same behaviour on replay.
/// </summary>
/// <remarks>
/// Only await tasks that come from this context (or combinations of them, such as <c>Task.WhenAll</c> and
/// <c>Task.WhenAny</c>). Awaiting anything else (<c>Task.Delay</c>, <c>Task.Run</c>, I/O) fails the
/// orchestration with a message saying so.
/// </remarks>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator name (as registered).</summary>
    public abstract string Name { get; }

    /// <summary>The orchestration instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>
    /// <see langword="true"/> while the code is re-executing history that an earlier episode already acted on.
    /// Use it to avoid repeating side effects such as logs; <see cref="Logger"/> already does.
    /// </summary>
    public abstract bool IsReplaying { get; }

    /// <summary>
    /// The deterministic "now": the timestamp of the most recent episode start in the history replayed so far.
    /// It only moves forward between awaits; it never reads the wall clock.
    /// </summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>A logger that writes nothing while <see cref="IsReplaying"/> is <see langword="true"/>.</summary>
    public abstract ReplaySafeLogger Logger { get; }

    /// <summary>Schedules an activity and returns its result.</summary>
    /// <typeparam name="TResult">The type the activity's JSON result is deserialized into.</typeparam>
    /// <param name="name">The activity name.</param>
    /// <param name="input">The input, serialized as JSON; <see langword="null"/> for none.</param>
    /// <param name="retry">Optional retry policy; the waits between attempts are durable timers.</param>
    /// <exception cref="TaskFailedException">The activity failed (after all retries).</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, RetryPolicy? retry = null);

    /// <summary>Schedules an activity whose result is not needed.</summary>
    /// <param name="name">The activity name.</param>
    /// <param name="input">The input, serialized as JSON; <see langword="null"/> for none.</param>
    /// <param name="retry">Optional retry policy.</param>
    /// <exception cref="TaskFailedException">The activity failed (after all retries).</exception>
    public Task CallActivityAsync(string name, object? input = null, RetryPolicy? retry = null) =>
        CallActivityAsync<object?>(name, input, retry);

    /// <summary>
    /// Starts a sub-orchestration and returns its result. Without <paramref name="instanceId"/> the id is
    /// <see cref="NewGuid"/> in 32-hex "N" format, so it is deterministic.
    /// </summary>
    /// <typeparam name="TResult">The type the sub-orchestration's JSON result is deserialized into.</typeparam>
    /// <param name="name">The orchestrator name.</param>
    /// <param name="input">The input, serialized as JSON.</param>
    /// <param name="instanceId">The child instance id; it must be deterministic.</param>
    /// <param name="retry">Optional retry policy (every attempt reuses the same instance id).</param>
    /// <exception cref="TaskFailedException">The sub-orchestration failed (after all retries).</exception>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(
        string name, object? input = null, string? instanceId = null, RetryPolicy? retry = null);

    /// <summary>
    /// Creates a durable timer. Timers further away than three days are chained in three-day pieces, because
    /// the Azure Storage backend cannot hold a message longer than seven days.
    /// </summary>
    /// <param name="fireAt">When the timer fires (UTC; an unspecified kind is taken as UTC).</param>
    /// <param name="cancellationToken">Cancelling abandons the timer: the task is cancelled, nothing is sent.</param>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Creates a durable timer that fires <paramref name="delay"/> after <see cref="CurrentUtcDateTime"/>.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <param name="cancellationToken">Cancelling abandons the timer.</param>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// Waits for an external event (names match case-insensitively; several waiters for one name are served
    /// first come, first served; an event nobody waits for yet is kept until somebody does).
    /// </summary>
    /// <typeparam name="T">The type the event's JSON payload is deserialized into.</typeparam>
    /// <param name="name">The event name.</param>
    /// <param name="cancellationToken">Cancelling stops waiting (the task is cancelled).</param>
    public abstract Task<T> WaitForExternalEvent<T>(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for an external event, optionally with a timeout. The timeout is a durable timer racing the
    /// event; when the timer wins the returned task throws <see cref="TaskCanceledException"/>, like
    /// Microsoft's SDK. A timeout of zero never creates a timer: it returns an event that already arrived or
    /// throws at once.
    /// </summary>
    /// <typeparam name="T">The type the event's JSON payload is deserialized into.</typeparam>
    /// <param name="name">The event name.</param>
    /// <param name="timeout">How long to wait; <see langword="null"/> or <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <exception cref="TaskCanceledException">The timeout expired first.</exception>
    public abstract Task<T> WaitForExternalEvent<T>(string name, TimeSpan? timeout = null);

    /// <summary>Sends an event to another orchestration instance (fire and forget).</summary>
    /// <param name="instanceId">The receiving instance.</param>
    /// <param name="name">The event name.</param>
    /// <param name="data">The payload, serialized as JSON.</param>
    public abstract void SendEvent(string instanceId, string name, object? data);

    /// <summary>
    /// Ends this execution and starts a fresh one with <paramref name="newInput"/> and an empty history once the
    /// orchestrator returns (its return value is then ignored).
    /// </summary>
    /// <param name="newInput">The next execution's input.</param>
    /// <param name="preserveUnprocessedEvents">Carry external events nobody consumed over to the next execution.</param>
    public abstract void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true);

    /// <summary>Sets the custom status (any JSON-serializable value; <see langword="null"/> clears it).</summary>
    /// <param name="customStatus">The status.</param>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// A GUID that is the same on every replay: an RFC 4122 version 5 UUID from the instance id,
    /// <see cref="CurrentUtcDateTime"/> and a per-execution counter (the scheme Microsoft's SDK uses).
    /// </summary>
    public abstract Guid NewGuid();
}
