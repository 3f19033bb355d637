using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Sandbox;

/// <summary>Log messages of the sandbox assembly, source-generated (STYLE.md §8); this part: the local trigger host.</summary>
internal static partial class Logs
{
    [LoggerMessage(1001, LogLevel.Information, "Trigger host: {Function} ({Trigger}) {Detail}")]
    public static partial void FunctionBound(ILogger logger, string function, string trigger, string detail);

    [LoggerMessage(1002, LogLevel.Warning, "Timer {Function} failed (retry {Retry}): {Error}")]
    public static partial void TimerFailed(ILogger logger, string function, int retry, string error);

    [LoggerMessage(1003, LogLevel.Warning, "{Function}: batch of partition {Partition} from sequence number {First} ({Count} events) failed (retry {Retry}): {Error}")]
    public static partial void BatchFailed(ILogger logger, string function, string partition, long first, int count, int retry, string error);

    [LoggerMessage(1004, LogLevel.Error, "{Function}: retries ran out for the batch of partition {Partition} from sequence number {First} ({Count} events); the checkpoint moves past it, as the Functions host does")]
    public static partial void BatchAbandoned(ILogger logger, string function, string partition, long first, int count);

    [LoggerMessage(1005, LogLevel.Information, "Trigger host: {Function} ({Trigger}) is not driven locally")]
    public static partial void FunctionSkipped(ILogger logger, string function, string trigger);

    [LoggerMessage(1006, LogLevel.Error, "Trigger host: the {Function} trigger stopped")]
    public static partial void TriggerStopped(ILogger logger, Exception exception, string function);
}
