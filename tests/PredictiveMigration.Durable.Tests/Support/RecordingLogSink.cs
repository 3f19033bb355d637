using PredictiveMigration.Durable.Logging;

namespace PredictiveMigration.Durable.Tests.Support;

/// <summary>Keeps log entries as "template:arg1,arg2".</summary>
internal sealed class RecordingLogSink : IDurableLogSink
{
    public List<string> Entries { get; } = [];

    public bool IsEnabled(DurableLogLevel level) => true;

    public void Log(DurableLogLevel level, Exception? exception, string messageTemplate, object?[] args) =>
        Entries.Add(messageTemplate + ":" + string.Join(",", args));
}
