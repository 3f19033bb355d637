using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Durable.Storage;

/// <summary>Every log message of the Durable storage assembly, source-generated (STYLE.md §8).</summary>
internal static partial class Logs
{
    [LoggerMessage(1, LogLevel.Information, "Durable development backend started: task hub {TaskHub}, app {AppBaseUrl}, {Orchestrations} orchestration and {Activities} activity slots")]
    public static partial void BackendStarted(ILogger logger, string taskHub, Uri appBaseUrl, int orchestrations, int activities);

    [LoggerMessage(2, LogLevel.Debug, "Instance {InstanceId}: episode {Episode} recorded with {Actions} actions")]
    public static partial void EpisodeRecorded(ILogger logger, string instanceId, int episode, int actions);

    [LoggerMessage(3, LogLevel.Debug, "Instance {InstanceId}: another dispatcher recorded a step first (attempt {Attempt}); reading the history again")]
    public static partial void EpisodeConflict(ILogger logger, string instanceId, int attempt);

    [LoggerMessage(4, LogLevel.Warning, "Instance {InstanceId}: platform error calling {Function}, the message is retried: {Error}")]
    public static partial void PlatformError(ILogger logger, string instanceId, string function, string error);

    [LoggerMessage(5, LogLevel.Error, "Instance {InstanceId}: poison message {MessageId} ({Kind}) received {DequeueCount} times; the instance is marked Failed")]
    public static partial void PoisonMessage(ILogger logger, string instanceId, string messageId, string kind, long dequeueCount);

    [LoggerMessage(6, LogLevel.Warning, "Message {MessageId} is for instance {InstanceId}, which does not exist (purged, or never created); it is dropped")]
    public static partial void InstanceNotFound(ILogger logger, string messageId, string instanceId);

    [LoggerMessage(7, LogLevel.Information, "Instance {InstanceId} ({Name}) finished: {Status}")]
    public static partial void InstanceFinished(ILogger logger, string instanceId, string name, string status);

    [LoggerMessage(8, LogLevel.Error, "The {Queue} dispatcher failed and carries on")]
    public static partial void DispatcherFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(9, LogLevel.Warning, "Function {Function} of instance {InstanceId} failed ({Reason}); recorded as the host records it")]
    public static partial void FunctionFailed(ILogger logger, string function, string instanceId, string reason);

    [LoggerMessage(10, LogLevel.Warning, "Queue message {MessageId} is not a backend message ({Error}); it is deleted")]
    public static partial void UnreadableMessage(ILogger logger, string messageId, string error);

    [LoggerMessage(11, LogLevel.Warning, "Storage is not reachable yet; retrying: {Error}")]
    public static partial void StorageNotReady(ILogger logger, string error);
}
