
namespace PredictiveMigration.Functions;

/// <summary>Every log message of the Functions app, source-generated (STYLE.md §8).</summary>
internal static partial class Logs
{
    [LoggerMessage(1, LogLevel.Information, "Ingested batch from {Source}: {Received} received, {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected, {Rows} rows written (retry {RetryCount})")]
    public static partial void BatchIngested(ILogger logger, string source, int received, int accepted, int duplicates, int rejected, int rows, int retryCount);

    [LoggerMessage(2, LogLevel.Error, "Ingestion of a batch from {Source} failed (retry {RetryCount}); the invocation fails so the host retries it")]
    public static partial void BatchFailed(ILogger logger, Exception exception, string source, int retryCount);

    [LoggerMessage(3, LogLevel.Error, "An Event Hubs invocation envelope could not be decoded ({Error}); it was dead-lettered whole")]
    public static partial void EnvelopeUndecodable(ILogger logger, string error);

    [LoggerMessage(4, LogLevel.Warning, "Event {Index} from {Source} rejected: {Rejection}")]
    public static partial void EventRejected(ILogger logger, int index, string source, string rejection);

    [LoggerMessage(5, LogLevel.Error, "HTTP ingestion failed while storing; answered 503")]
    public static partial void HttpIngestFailed(ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "PredictiveMigration.Functions listening on {Urls}")]
    public static partial void Listening(ILogger logger, string urls);
}
