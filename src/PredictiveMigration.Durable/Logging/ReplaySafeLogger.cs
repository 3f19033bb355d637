namespace PredictiveMigration.Durable.Logging;

/// <summary>
/// The orchestrator's logger: entries written while the orchestration is replaying are dropped, so each line is
/// logged once even though the code runs again on every episode.
/// </summary>
public sealed class ReplaySafeLogger
{
    private readonly Func<bool> _isReplaying;
    private readonly IDurableLogSink? _sink;

    /// <summary>Creates the logger.</summary>
    /// <param name="isReplaying">Reads the context's replay flag.</param>
    /// <param name="sink">Where entries go; <see langword="null"/> discards them.</param>
    public ReplaySafeLogger(Func<bool> isReplaying, IDurableLogSink? sink)
    {
        ArgumentNullException.ThrowIfNull(isReplaying);
        _isReplaying = isReplaying;
        _sink = sink;
    }

    /// <summary>Writes an entry unless replaying.</summary>
    /// <param name="level">The level.</param>
    /// <param name="exception">An exception, if any.</param>
    /// <param name="messageTemplate">A message template with named placeholders.</param>
    /// <param name="args">The placeholder values.</param>
    public void Log(DurableLogLevel level, Exception? exception, string messageTemplate, params object?[] args)
    {
        if (_sink is null || _isReplaying() || !_sink.IsEnabled(level))
        {
            return;
        }

        _sink.Log(level, exception, messageTemplate, args);
    }

    /// <summary>Writes a debug entry unless replaying.</summary>
    /// <param name="messageTemplate">A message template with named placeholders.</param>
    /// <param name="args">The placeholder values.</param>
    public void LogDebug(string messageTemplate, params object?[] args) => Log(DurableLogLevel.Debug, null, messageTemplate, args);

    /// <summary>Writes an information entry unless replaying.</summary>
    /// <param name="messageTemplate">A message template with named placeholders.</param>
    /// <param name="args">The placeholder values.</param>
    public void LogInformation(string messageTemplate, params object?[] args) => Log(DurableLogLevel.Information, null, messageTemplate, args);

    /// <summary>Writes a warning entry unless replaying.</summary>
    /// <param name="messageTemplate">A message template with named placeholders.</param>
    /// <param name="args">The placeholder values.</param>
    public void LogWarning(string messageTemplate, params object?[] args) => Log(DurableLogLevel.Warning, null, messageTemplate, args);

    /// <summary>Writes an error entry unless replaying.</summary>
    /// <param name="exception">The exception, if any.</param>
    /// <param name="messageTemplate">A message template with named placeholders.</param>
    /// <param name="args">The placeholder values.</param>
    public void LogError(Exception? exception, string messageTemplate, params object?[] args) => Log(DurableLogLevel.Error, exception, messageTemplate, args);
}
