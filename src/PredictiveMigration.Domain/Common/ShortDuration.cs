using System.Globalization;
using System.Xml;

namespace PredictiveMigration.Domain.Common;

/// <summary>
/// The one parser for durations people type: <c>30s</c>, <c>5m</c>, <c>1.5h</c>, <c>1d</c>, a bare number in a default
/// unit, or ISO 8601 (<c>PT15M</c>). Used by the CLI options and the HTTP API alike.
/// </summary>
public static class ShortDuration
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Forms = "30s, 5m, 1h, 1d or PT15M";

    public static bool TryParse(string? text, out TimeSpan value, char defaultUnit = 'm')
    {
        value = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text[0] is 'P' or 'p')
        {
            try
            {
                value = XmlConvert.ToTimeSpan(text.ToUpperInvariant());
                return value > TimeSpan.Zero;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        var unit = char.IsLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : defaultUnit;
        var number = char.IsLetter(text[^1]) ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n <= 0 || double.IsInfinity(n))
        {
            return false;
        }

        value = unit switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => default,
        };
        return value > TimeSpan.Zero;
    }
}
