using System.Globalization;
using Cronos;

namespace PredictiveMigration.Sandbox.TriggerHost;

/// <summary>
/// A <c>timerTrigger</c> schedule: a 6-field NCRONTAB expression with seconds (<c>0 */5 * * * *</c>), evaluated in UTC,
/// or a <c>hh:mm:ss</c> interval (the host accepts those on dedicated plans), counted from <see cref="DateTimeOffset.UnixEpoch"/>.
/// </summary>
public sealed class TimerSchedule
{
    private readonly CronExpression? _cron;
    private readonly TimeSpan _interval;

    private TimerSchedule(string text, CronExpression? cron, TimeSpan interval)
    {
        Text = text;
        _cron = cron;
        _interval = interval;
    }

    public string Text { get; }

    /// <exception cref="FormatException">Neither a 6-field NCRONTAB expression nor a positive interval; the message names the function.</exception>
    public static TimerSchedule Parse(string text, string functionName)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
            {
                return new TimerSchedule(text, null, interval);
            }
        }
        else if (CronExpression.TryParse(text, CronFormat.IncludeSeconds, out var cron))
        {
            return new TimerSchedule(text, cron, TimeSpan.Zero);
        }

        throw new FormatException($"{functionName}/function.json: schedule '{text}' is not a 6-field NCRONTAB expression (with seconds) nor an interval hh:mm:ss");
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        if (_cron is not null)
        {
            return _cron.GetNextOccurrence(after, TimeZoneInfo.Utc, inclusive: false)
                ?? throw new InvalidOperationException($"schedule '{Text}' has no occurrence after {after:O}");
        }

        var k = Math.Floor((double)(after - DateTimeOffset.UnixEpoch).Ticks / _interval.Ticks) + 1;
        return DateTimeOffset.UnixEpoch + TimeSpan.FromTicks((long)k * _interval.Ticks);
    }

    /// <summary>The last occurrence at or before <paramref name="atOrBefore"/>.</summary>
    public DateTimeOffset? Previous(DateTimeOffset atOrBefore)
    {
        if (_cron is not null)
        {
            return _cron.GetPreviousOccurrence(atOrBefore, TimeZoneInfo.Utc, inclusive: true);
        }

        var k = Math.Floor((double)(atOrBefore - DateTimeOffset.UnixEpoch).Ticks / _interval.Ticks);
        return DateTimeOffset.UnixEpoch + TimeSpan.FromTicks((long)k * _interval.Ticks);
    }
}
