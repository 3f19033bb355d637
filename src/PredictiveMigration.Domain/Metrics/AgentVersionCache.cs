using System.Text;
using System.Text.Json;

namespace PredictiveMigration.Domain.Metrics;

/// <summary>
/// A fleet runs a handful of agent versions: reuse the string for the last few seen instead of allocating one per event.
/// </summary>
internal static class AgentVersionCache
{
    private const int Slots = 8;

    [ThreadStatic]
    private static (byte[] Utf8, string Text)[]? t_slots;

    public static string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.GetString()!;
        }

        var span = reader.ValueSpan;
        var slots = t_slots ??= new (byte[], string)[Slots];
        var slot = span.Length % Slots;
        var cached = slots[slot];
        if (cached.Utf8 is not null && span.SequenceEqual(cached.Utf8))
        {
            return cached.Text;
        }

        var text = Encoding.UTF8.GetString(span);
        slots[slot] = (span.ToArray(), text);
        return text;
    }
}
