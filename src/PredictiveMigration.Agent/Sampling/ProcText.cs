using System.Globalization;

namespace PredictiveMigration.Agent.Sampling;

/// <summary>Helpers for the whitespace-separated numbers of /proc files.</summary>
internal static class ProcText
{
    /// <summary>Parses up to <c>values.Length</c> unsigned numbers from <paramref name="text"/>; returns how many were read.</summary>
    /// <exception cref="FormatException">A field is not an unsigned integer.</exception>
    public static int ParseFields(ReadOnlySpan<char> text, Span<ulong> values)
    {
        var count = 0;
        foreach (var range in text.SplitAny(' ', '\t'))
        {
            var field = text[range];
            if (field.IsEmpty)
            {
                continue;
            }

            if (count == values.Length)
            {
                break;
            }

            values[count++] = ParseNumber(field);
        }

        return count;
    }

    public static ulong ParseNumber(ReadOnlySpan<char> field) =>
        ulong.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{field}' is not an unsigned integer");
}
