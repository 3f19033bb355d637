using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Google.Protobuf;
using PredictiveMigration.Durable.Protobuf;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// A history row (<c>PartitionKey = instanceId</c>, <c>RowKey = h{generation:D6}-{episode:D8}</c>): the events one
/// episode appended, the ids of the queue messages it consumed (the de-duplication record) and its outbox. It is
/// added with <c>Add</c> in the transaction that replaces the instance row, so a step is recorded once or not at all.
/// </summary>
internal sealed record EpisodeRecord(
    int Generation,
    int Episode,
    DateTimeOffset RecordedAt,
    IReadOnlyList<HistoryEvent> Events,
    IReadOnlyList<string> Consumed,
    IReadOnlyList<OutboxItem> Outbox)
{
    /// <summary>Every history row key starts with this; the instance row's key is empty.</summary>
    public const string RowKeyPrefix = "h";

    public string RowKey => FormatRowKey(Generation, Episode);

    public static string FormatRowKey(int generation, int episode) =>
        string.Create(CultureInfo.InvariantCulture, $"{RowKeyPrefix}{generation:D6}-{episode:D8}");

    public TableEntity ToEntity(string instanceId)
    {
        var entity = new TableEntity(instanceId, RowKey)
        {
            ["Generation"] = Generation,
            ["Episode"] = Episode,
            ["RecordedAt"] = RecordedAt,
        };

        using var events = new MemoryStream();
        foreach (HistoryEvent historyEvent in Events)
        {
            historyEvent.WriteDelimitedTo(events);
        }

        LargeProperty.WriteBytes(entity, "Events", events.ToArray());
        LargeProperty.WriteText(entity, "Consumed", string.Join('\n', Consumed));
        LargeProperty.WriteBytes(entity, "Outbox", JsonSerializer.SerializeToUtf8Bytes(Outbox, StorageJson.Options));
        return entity;
    }

    public static EpisodeRecord FromEntity(TableEntity entity)
    {
        var events = new List<HistoryEvent>();
        if (LargeProperty.ReadBytes(entity, "Events") is { } bytes)
        {
            using var stream = new MemoryStream(bytes);
            while (stream.Position < stream.Length)
            {
                events.Add(HistoryEvent.Parser.ParseDelimitedFrom(stream));
            }
        }

        string consumed = LargeProperty.ReadText(entity, "Consumed") ?? string.Empty;
        byte[]? outbox = LargeProperty.ReadBytes(entity, "Outbox");
        return new EpisodeRecord(
            entity.GetInt32("Generation") ?? 0,
            entity.GetInt32("Episode") ?? 0,
            entity.GetDateTimeOffset("RecordedAt") ?? default,
            events,
            consumed.Length == 0 ? [] : consumed.Split('\n'),
            outbox is null ? [] : JsonSerializer.Deserialize<List<OutboxItem>>(outbox, StorageJson.Options) ?? []);
    }
}
