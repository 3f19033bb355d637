using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PredictiveMigration.Durable.Storage.Client;

namespace PredictiveMigration.Durable.Storage.Backend;

/// <summary>
/// The instance row (<c>PartitionKey = instanceId</c>, <c>RowKey = ""</c>) of the history table: the instance's
/// status, and, through its ETag, the lock of the whole instance. Every episode replaces it with the ETag it read,
/// in the same entity-group transaction that adds the episode's history row.
/// </summary>
internal sealed record InstanceRecord
{
    /// <summary>The instance row's row key.</summary>
    public const string RowKey = "";

    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public required OrchestrationRuntimeStatus Status { get; init; }

    /// <summary>The current execution (a new one after ContinueAsNew).</summary>
    public required string ExecutionId { get; init; }

    /// <summary>How many times the instance continued as new; prefixes the history row keys.</summary>
    public int Generation { get; init; }

    /// <summary>Episodes committed in the current generation.</summary>
    public int EpisodeCount { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public TaskFailureInfo? Failure { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastUpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? ParentInstanceId { get; init; }

    public string? ParentExecutionId { get; init; }

    public int ParentTaskId { get; init; }

    /// <summary>The last platform error met while running it (shown in a poison failure).</summary>
    public string? LastError { get; init; }

    /// <summary>The ETag it was read with (default for a new row).</summary>
    public ETag ETag { get; init; }

    public bool IsTerminal => OrchestrationMetadata.IsTerminal(Status);

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(InstanceId, RowKey)
        {
            ["Name"] = Name,
            ["Status"] = Status.ToString(),
            ["ExecutionId"] = ExecutionId,
            ["Generation"] = Generation,
            ["EpisodeCount"] = EpisodeCount,
            ["CreatedAt"] = CreatedAt,
            ["LastUpdatedAt"] = LastUpdatedAt,
            ["CompletedAt"] = CompletedAt,
            ["ParentInstanceId"] = ParentInstanceId,
            ["ParentExecutionId"] = ParentExecutionId,
            ["ParentTaskId"] = ParentTaskId,
            ["LastError"] = LastError is { Length: > 8000 } ? LastError[..8000] : LastError,
        };
        LargeProperty.WriteText(entity, "Input", Input);
        LargeProperty.WriteText(entity, "Output", Output);
        LargeProperty.WriteText(entity, "CustomStatus", CustomStatus);
        LargeProperty.WriteText(entity, "Failure", Failure is null ? null : JsonSerializer.Serialize(Failure, StorageJson.Options));

        // Tables has no null: an absent property is null.
        foreach (string key in entity.Keys.Where(k => entity[k] is null).ToList())
        {
            entity.Remove(key);
        }

        return entity;
    }

    public static InstanceRecord FromEntity(TableEntity entity)
    {
        string? failure = LargeProperty.ReadText(entity, "Failure");
        return new InstanceRecord
        {
            InstanceId = entity.PartitionKey,
            Name = entity.GetString("Name") ?? string.Empty,
            Status = Enum.TryParse(entity.GetString("Status"), out OrchestrationRuntimeStatus status) ? status : OrchestrationRuntimeStatus.Pending,
            ExecutionId = entity.GetString("ExecutionId") ?? string.Empty,
            Generation = entity.GetInt32("Generation") ?? 0,
            EpisodeCount = entity.GetInt32("EpisodeCount") ?? 0,
            Input = LargeProperty.ReadText(entity, "Input"),
            Output = LargeProperty.ReadText(entity, "Output"),
            CustomStatus = LargeProperty.ReadText(entity, "CustomStatus"),
            Failure = failure is null ? null : JsonSerializer.Deserialize<TaskFailureInfo>(failure, StorageJson.Options),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
            LastUpdatedAt = entity.GetDateTimeOffset("LastUpdatedAt") ?? default,
            CompletedAt = entity.GetDateTimeOffset("CompletedAt"),
            ParentInstanceId = entity.GetString("ParentInstanceId"),
            ParentExecutionId = entity.GetString("ParentExecutionId"),
            ParentTaskId = entity.GetInt32("ParentTaskId") ?? 0,
            LastError = entity.GetString("LastError"),
            ETag = entity.ETag,
        };
    }

    public OrchestrationMetadata ToMetadata(bool includeInputsAndOutputs) => new(
        InstanceId,
        Name,
        Status,
        CreatedAt,
        LastUpdatedAt,
        includeInputsAndOutputs ? Input : null,
        includeInputsAndOutputs ? Output : null,
        includeInputsAndOutputs ? CustomStatus : null,
        Failure);
}
