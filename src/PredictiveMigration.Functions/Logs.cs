
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

    [LoggerMessage(7, LogLevel.Warning, "{Function}: the timer invocation envelope is invalid ({Error})")]
    public static partial void TimerEnvelopeInvalid(ILogger logger, string function, string error);

    [LoggerMessage(8, LogLevel.Information, "Forecast tick {Tick}: {Active} active servers, {Forecast} forecast, {AtRisk} at risk, {Removed} candidates removed, model {ModelVersion}, {Seconds:F2} s (read {ReadSeconds:F2} s, forecast {ForecastSeconds:F2} s, store {StoreSeconds:F2} s, past due {PastDue})")]
    public static partial void ForecastRunCompleted(ILogger logger, DateTimeOffset tick, int active, int forecast, int atRisk, int removed, string modelVersion, double seconds, double readSeconds, double forecastSeconds, double storeSeconds, bool pastDue);

    [LoggerMessage(9, LogLevel.Error, "Forecast run failed; the invocation fails so the host retries it")]
    public static partial void ForecastRunFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Warning, "Forecasting without the current model: {Problem}")]
    public static partial void ForecastModelUnavailable(ILogger logger, string problem);

    [LoggerMessage(11, LogLevel.Information, "Retrained model {Version} on {Servers} servers (promoted {Promoted}): {Reason} ({Seconds:F1} s)")]
    public static partial void RetrainCompleted(ILogger logger, string version, int servers, bool promoted, string reason, double seconds);

    [LoggerMessage(12, LogLevel.Error, "Retraining failed; the invocation fails so the host retries it")]
    public static partial void RetrainFailed(ILogger logger, Exception exception);

    [LoggerMessage(20, LogLevel.Information, "Migration controller pass: {Launched} launched, {DryRuns} dry-run, {Deferred} deferred, {Skipped} skipped")]
    public static partial void ControllerPass(ILogger logger, int launched, int dryRuns, int deferred, int skipped);

    [LoggerMessage(21, LogLevel.Error, "Migration controller pass failed; the invocation fails so the host retries it")]
    public static partial void ControllerFailed(ILogger logger, Exception exception);
}
