using System.Text.Json;
using Google.Protobuf;
using PredictiveMigration.Durable.Protobuf;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// A queue message of the backend, as JSON text; history events travel as base64 protobuf, so payloads never put
/// characters a queue cannot carry in the message. <see cref="Id"/> is deterministic for everything derived from a
/// committed episode (<c>{instance}:{execution}:{what}:{eventId}</c>), so a message sent twice is recognised.
/// </summary>
/// <param name="Id">The message id; the orchestration records consumed ids in its history.</param>
/// <param name="Kind">What it asks for.</param>
/// <param name="InstanceId">The target instance.</param>
/// <param name="ExecutionId">The target execution; <see langword="null"/> for any (external events).</param>
/// <param name="Events">Base64 protobuf history events.</param>
/// <param name="Reason">Termination or failure reason.</param>
internal sealed record WorkMessage(
    string Id,
    WorkMessageKind Kind,
    string InstanceId,
    string? ExecutionId = null,
    IReadOnlyList<string>? Events = null,
    string? Reason = null)
{
    /// <summary>A message carrying <paramref name="events"/>.</summary>
    public static WorkMessage With(string id, WorkMessageKind kind, string instanceId, string? executionId, params HistoryEvent[] events) =>
        new(id, kind, instanceId, executionId, [.. events.Select(e => Convert.ToBase64String(e.ToByteArray()))]);

    /// <summary>The events, parsed.</summary>
    public IReadOnlyList<HistoryEvent> DecodeEvents() =>
        Events is null ? [] : [.. Events.Select(e => HistoryEvent.Parser.ParseFrom(Convert.FromBase64String(e)))];

    /// <summary>The queue message text.</summary>
    public string ToText() => JsonSerializer.Serialize(this, StorageJson.Options);

    /// <summary>Parses a queue message text.</summary>
    /// <exception cref="FormatException">It is not a backend message.</exception>
    public static WorkMessage Parse(string text)
    {
        try
        {
            WorkMessage? message = JsonSerializer.Deserialize<WorkMessage>(text, StorageJson.Options);
            return message is { Id.Length: > 0, InstanceId.Length: > 0 }
                ? message
                : throw new FormatException("The queue message has no id or instance id.");
        }
        catch (JsonException exception)
        {
            throw new FormatException("The queue message is not a backend message.", exception);
        }
    }
}
