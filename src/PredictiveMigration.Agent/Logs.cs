
namespace PredictiveMigration.Agent;

/// <summary>Every log message of the agent, source-generated. Event ids: 1xx host, 2xx sampling and probes, 3xx sending, 4xx spool and sequence.</summary>
internal static partial class Logs
{
    [LoggerMessage(100, LogLevel.Information, "pm-agent {Version} started: server {ServerId}, sending to {Destination}, spool {SpoolDirectory}, sampling every {SampleInterval}, sending every {SendInterval}")]
    public static partial void AgentStarted(this ILogger logger, string version, string? serverId, string destination, string spoolDirectory, TimeSpan sampleInterval, TimeSpan sendInterval);

    [LoggerMessage(101, LogLevel.Information, "pm-agent stopped: {Collected} events collected, {Sent} sent, {Refused} refused, {Spooled} spooled, {Dropped} dropped from the spool")]
    public static partial void AgentStopped(this ILogger logger, long collected, long sent, long refused, long spooled, long dropped);

    [LoggerMessage(102, LogLevel.Error, "A sample failed unexpectedly; sampling goes on")]
    public static partial void SampleFailed(this ILogger logger, Exception exception);

    [LoggerMessage(103, LogLevel.Error, "A send round failed unexpectedly; the next round retries")]
    public static partial void SendRoundFailed(this ILogger logger, Exception exception);

    [LoggerMessage(200, LogLevel.Warning, "Reading {ProcRoot} failed; no event this interval")]
    public static partial void ProcReadFailed(this ILogger logger, string procRoot, Exception exception);

    [LoggerMessage(201, LogLevel.Warning, "HTTP probe of {Url} answered {StatusCode}; counted in errorCount (further failures are not logged until it succeeds again)")]
    public static partial void HttpProbeStatus(this ILogger logger, Uri url, int statusCode);

    [LoggerMessage(202, LogLevel.Warning, "HTTP probe of {Url} got no answer within {Timeout}; counted in errorCount (further failures are not logged until it succeeds again)")]
    public static partial void HttpProbeTimedOut(this ILogger logger, Uri url, TimeSpan timeout);

    [LoggerMessage(203, LogLevel.Warning, "HTTP probe of {Url} failed; counted in errorCount (further failures are not logged until it succeeds again)")]
    public static partial void HttpProbeFailed(this ILogger logger, Uri url, Exception exception);

    [LoggerMessage(208, LogLevel.Information, "HTTP probe of {Url} succeeds again")]
    public static partial void HttpProbeRecovered(this ILogger logger, Uri url);

    [LoggerMessage(204, LogLevel.Warning, "Queue-length command '{Command}' could not be started; no queueLength this interval")]
    public static partial void QueueCommandFailedToStart(this ILogger logger, string command, Exception? exception);

    [LoggerMessage(205, LogLevel.Warning, "Queue-length command '{Command}' did not finish within {Timeout} and was killed; no queueLength this interval")]
    public static partial void QueueCommandTimedOut(this ILogger logger, string command, TimeSpan timeout);

    [LoggerMessage(206, LogLevel.Warning, "Queue-length command '{Command}' exited with {ExitCode} ({StandardError}); no queueLength this interval")]
    public static partial void QueueCommandExitCode(this ILogger logger, string command, int exitCode, string standardError);

    [LoggerMessage(207, LogLevel.Warning, "Queue-length command '{Command}' printed '{Output}', not a non-negative number; no queueLength this interval")]
    public static partial void QueueCommandOutputNotANumber(this ILogger logger, string command, string output);

    [LoggerMessage(300, LogLevel.Debug, "Request to {Destination} failed")]
    public static partial void SendRequestFailed(this ILogger logger, string destination, Exception exception);

    [LoggerMessage(301, LogLevel.Warning, "Sending {Count} events to {Destination} failed (status {StatusCode}: {Detail}); they are spooled and resent later")]
    public static partial void SendFailedTransient(this ILogger logger, string destination, int statusCode, string? detail, int count);

    [LoggerMessage(302, LogLevel.Error, "{Destination} refused {Count} events for good (status {StatusCode}: {Detail}); resending cannot help, they are dropped")]
    public static partial void BatchRefused(this ILogger logger, string destination, int count, int statusCode, string? detail);

    [LoggerMessage(303, LogLevel.Critical, "{Destination} refused the agent's credentials (status {StatusCode}: {Detail}). Fix the key or identity; meanwhile {Count} events are spooled")]
    public static partial void SinkUnauthorized(this ILogger logger, string destination, int statusCode, string? detail, int count);

    [LoggerMessage(304, LogLevel.Warning, "A batch of {Count} events was too large (413); sending halves of {First} and {Second}")]
    public static partial void BatchTooLargeSplitting(this ILogger logger, int count, int first, int second);

    [LoggerMessage(305, LogLevel.Warning, "The receiver rejected event seq {Sequence}: {Reason} ({Field}) {Message}")]
    public static partial void EventRejected(this ILogger logger, long sequence, string? reason, string? field, string? message);

    [LoggerMessage(306, LogLevel.Information, "The receiver asked to wait (Retry-After); sending resumes after {NotBefore:O}, new batches go to the spool until then")]
    public static partial void SendingDeferred(this ILogger logger, DateTimeOffset notBefore);

    [LoggerMessage(307, LogLevel.Information, "Shutdown flush: {Total} events in memory, {Sent} sent, {Unsent} spooled for the next start")]
    public static partial void ShutdownFlushed(this ILogger logger, int total, int sent, int unsent);

    [LoggerMessage(308, LogLevel.Error, "Sink {Destination} threw instead of returning a result; the batch is kept as a transient failure")]
    public static partial void SinkThrew(this ILogger logger, string destination, Exception exception);

    [LoggerMessage(309, LogLevel.Error, "Could not get an Entra ID token for {Scope}; events are spooled until it works")]
    public static partial void EntraTokenFailed(this ILogger logger, string scope, Exception exception);

    [LoggerMessage(400, LogLevel.Information, "Spooled {Count} events as {FileName}")]
    public static partial void BatchSpooled(this ILogger logger, int count, string fileName);

    [LoggerMessage(401, LogLevel.Information, "Resent {Files} spooled batches ({Events} events)")]
    public static partial void SpoolResent(this ILogger logger, int files, int events);

    [LoggerMessage(402, LogLevel.Warning, "Spool full (limit {MaxBytes} bytes): dropped the oldest batch {FileName} with {Count} events")]
    public static partial void SpoolFileDropped(this ILogger logger, string fileName, int count, long maxBytes);

    [LoggerMessage(403, LogLevel.Warning, "A batch of {Count} events is {Bytes} bytes, more than the whole spool ({MaxBytes} bytes): dropped")]
    public static partial void SpoolBatchTooLarge(this ILogger logger, int count, int bytes, long maxBytes);

    [LoggerMessage(404, LogLevel.Error, "Spool file {FileName} is corrupt ({Problem}); moved aside as {BadFileName}")]
    public static partial void SpoolFileCorrupt(this ILogger logger, string fileName, string badFileName, string problem);

    [LoggerMessage(405, LogLevel.Error, "Could not move spool file {FileName} aside")]
    public static partial void SpoolFileMoveFailed(this ILogger logger, string fileName, Exception exception);

    [LoggerMessage(406, LogLevel.Warning, "Could not delete spool file {FileName}")]
    public static partial void SpoolFileDeleteFailed(this ILogger logger, string fileName, Exception exception);

    [LoggerMessage(407, LogLevel.Error, "Could not write {Count} events to the spool in {SpoolDirectory}; they are lost")]
    public static partial void SpoolWriteFailed(this ILogger logger, string spoolDirectory, int count, Exception exception);

    [LoggerMessage(408, LogLevel.Warning, "Could not read spool file {FileName}; it stays for a later round")]
    public static partial void SpoolFileReadFailed(this ILogger logger, string fileName, Exception exception);

    [LoggerMessage(409, LogLevel.Error, "Could not list the spool directory {SpoolDirectory}; new data is sent without resending the spool this round")]
    public static partial void SpoolListFailed(this ILogger logger, string spoolDirectory, Exception exception);

    [LoggerMessage(415, LogLevel.Warning, "Could not rewrite partly sent spool file {FileName}; it is resent whole")]
    public static partial void SpoolFileReplaceFailed(this ILogger logger, string fileName, Exception exception);

    [LoggerMessage(410, LogLevel.Information, "Sequence continues after {Last} (state file {FromState}, spool {FromSpool})")]
    public static partial void SequenceLoaded(this ILogger logger, long last, long fromState, long fromSpool);

    [LoggerMessage(411, LogLevel.Warning, "Sequence state {Path} holds '{Content}', not a number; continuing from the spool's highest sequence")]
    public static partial void SequenceStateUnreadable(this ILogger logger, string path, string content);

    [LoggerMessage(412, LogLevel.Warning, "Could not read sequence state {Path}; continuing from the spool's highest sequence")]
    public static partial void SequenceStateReadFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(413, LogLevel.Error, "Could not write sequence state {Path}; numbers used now may be reused after a restart")]
    public static partial void SequenceStateWriteFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(414, LogLevel.Information, "Sequence state {Path} is written again")]
    public static partial void SequenceStateWriteRecovered(this ILogger logger, string path);
}
