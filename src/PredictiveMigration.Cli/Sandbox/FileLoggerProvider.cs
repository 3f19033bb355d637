using System.Globalization;
using Microsoft.Extensions.Logging;

namespace PredictiveMigration.Cli.Sandbox;

/// <summary>
/// Writes log entries at or above a level to one file, a line each (with the exception): the trigger host's and the
/// durable backend's log in a sandbox run, kept out of the console's progress lines.
/// </summary>
internal sealed class FileLoggerProvider(string path, LogLevel minimum, TimeProvider clock) : ILoggerProvider
{
    private readonly StreamWriter _writer = new(path, append: false) { AutoFlush = true };
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {level,-11} {category}: {message}");
        lock (_gate)
        {
            try
            {
                _writer.WriteLine(line);
                if (exception is not null)
                {
                    _writer.WriteLine(exception.ToString());
                }
            }
            catch (ObjectDisposedException)
            {
                // Logged during shutdown, after the file was closed.
            }
        }
    }

    private sealed class FileLogger(FileLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.Minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                owner.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }

    private LogLevel Minimum => minimum;
}
