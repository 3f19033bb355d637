namespace PredictiveMigration.Durable.Logging;

/// <summary>
/// Where orchestration logs go. This project has no Microsoft.Extensions.Logging reference (it is not part of
/// the base shared framework), so the host adapts this interface to an <c>ILogger</c>: the level values match
/// <c>LogLevel</c>, and <c>messageTemplate</c>/<c>args</c> are a structured-logging
/// template and its arguments, ready for <c>ILogger.Log</c>.
/// </summary>
public interface IDurableLogSink
{
    /// <summary>Whether entries at <paramref name="level"/> are written at all.</summary>
    /// <param name="level">The level.</param>
    bool IsEnabled(DurableLogLevel level);

    /// <summary>Writes an entry.</summary>
    /// <param name="level">The level.</param>
    /// <param name="exception">An exception to attach, if any.</param>
    /// <param name="messageTemplate">A message template with named placeholders, e.g. <c>"Scheduled {Server}"</c>.</param>
    /// <param name="args">The placeholder values in order.</param>
    void Log(DurableLogLevel level, Exception? exception, string messageTemplate, object?[] args);
}
