using System.Globalization;
using System.Text.Json;

namespace PredictiveMigration.Functions.Hosting;

/// <summary>
/// A function-level retry policy (<c>function.json</c> <c>retry</c>). For Event Hubs this is what keeps a failed
/// batch from being lost: the checkpoint advances past a failed invocation, so only an in-process retry redelivers it.
/// <paramref name="MaxRetryCount"/> of -1 retries until it succeeds.
/// </summary>
public sealed record RetryDeclaration(int MaxRetryCount, TimeSpan MinimumInterval, TimeSpan MaximumInterval)
{
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject("retry");
        writer.WriteString("strategy", "exponentialBackoff");
        writer.WriteNumber("maxRetryCount", MaxRetryCount);
        writer.WriteString("minimumInterval", MinimumInterval.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
        writer.WriteString("maximumInterval", MaximumInterval.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }
}
