using System.Globalization;

namespace PredictiveMigration.Domain.Common;

/// <summary>
/// A clock that runs <see cref="Speed"/> times faster than the wall clock: simulated now =
/// <see cref="SimulatedStart"/> + (wall now − <see cref="WallAnchor"/>) × <see cref="Speed"/>. Timers are scaled the
/// same way (a due time of one simulated hour fires after 1 h / speed of wall time), so <c>Task.Delay(…, clock)</c>,
/// <c>PeriodicTimer</c> and <c>CancellationTokenSource</c> timeouts follow simulated time.
/// <para>
/// Several processes agree on the same simulated time when they share the textual spec (<see cref="ToSpec"/>,
/// <see cref="Parse"/>), e.g. the setting <c>PM_CLOCK=start=2026-01-05T00:00:00Z;anchor=1767571200000;speed=288</c>:
/// the anchor is a wall-clock instant in Unix milliseconds, so the spec round-trips exactly.
/// </para>
/// </summary>
public sealed class AcceleratedTimeProvider : TimeProvider
{
    /// <summary>The setting (environment variable or configuration key) that carries the spec.</summary>
    public const string SettingName = "PM_CLOCK";

    /// <summary>The sandbox default: a simulated day in 5 real minutes.</summary>
    public const double DefaultSpeed = 288;

    /// <summary>The largest speed accepted (a simulated year in about 30 real seconds).</summary>
    public const double MaxSpeed = 1_000_000;

    private readonly TimeProvider _wall;
    private readonly long _anchorTimestamp;

    public AcceleratedTimeProvider(DateTimeOffset simulatedStart, DateTimeOffset wallAnchor, double speed, TimeProvider? wall = null)
    {
        if (!double.IsFinite(speed) || speed <= 0 || speed > MaxSpeed)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, $"speed must be a number above 0 and at most {MaxSpeed}");
        }

        SimulatedStart = simulatedStart.ToUniversalTime();
        WallAnchor = wallAnchor.ToUniversalTime();
        Speed = speed;
        _wall = wall ?? System;
        _anchorTimestamp = _wall.GetTimestamp();
    }

    /// <summary>The simulated instant that corresponds to <see cref="WallAnchor"/>.</summary>
    public DateTimeOffset SimulatedStart { get; }

    /// <summary>The wall-clock instant at which simulated time was <see cref="SimulatedStart"/>.</summary>
    public DateTimeOffset WallAnchor { get; }

    /// <summary>Simulated seconds per wall second.</summary>
    public double Speed { get; }

    /// <summary>Starts a clock now: simulated time is <paramref name="simulatedStart"/> at this wall instant (to the millisecond).</summary>
    public static AcceleratedTimeProvider StartNow(DateTimeOffset simulatedStart, double speed, TimeProvider? wall = null)
    {
        var clock = wall ?? System;
        var anchor = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        return new AcceleratedTimeProvider(simulatedStart, anchor, speed, clock);
    }

    public override DateTimeOffset GetUtcNow() => ToSimulated(_wall.GetUtcNow());

    /// <summary>The simulated instant of a wall-clock instant.</summary>
    public DateTimeOffset ToSimulated(DateTimeOffset wallTime) =>
        SimulatedStart + TimeSpan.FromTicks(checked((long)((wallTime - WallAnchor).Ticks * Speed)));

    /// <summary>The wall-clock instant at which simulated time reaches <paramref name="simulatedTime"/>.</summary>
    public DateTimeOffset ToWall(DateTimeOffset simulatedTime) =>
        WallAnchor + TimeSpan.FromTicks((long)((simulatedTime - SimulatedStart).Ticks / Speed));

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => _wall.TimestampFrequency;

    /// <summary>A high-resolution timestamp that advances <see cref="Speed"/> times faster than the wall's.</summary>
    public override long GetTimestamp() => _anchorTimestamp + (long)((_wall.GetTimestamp() - _anchorTimestamp) * Speed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_wall.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    /// <summary>
    /// The wall duration of a simulated duration, rounded up to whole milliseconds plus one (infinite and zero stay
    /// as they are): wall timers have millisecond resolution and may fire a little early, and a timer on this clock
    /// must never fire before its simulated due time.
    /// </summary>
    public TimeSpan Scale(TimeSpan simulated)
    {
        if (simulated == Timeout.InfiniteTimeSpan || simulated <= TimeSpan.Zero)
        {
            return simulated;
        }

        var milliseconds = Math.Ceiling(simulated.Ticks / Speed / TimeSpan.TicksPerMillisecond) + 1;
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>The spec: <c>start=…;anchor=…;speed=…</c> (invariant culture), which <see cref="Parse"/> reads back exactly.</summary>
    public string ToSpec() => string.Create(CultureInfo.InvariantCulture,
        $"start={SimulatedStart.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'};anchor={WallAnchor.ToUnixTimeMilliseconds()};speed={Speed:R}");

    public override string ToString() => ToSpec();

    /// <summary>
    /// Reads a spec <c>start=&lt;ISO-8601 with zone&gt;;anchor=&lt;Unix ms&gt;;speed=&lt;number&gt;</c> (parts in any order,
    /// spaces allowed). <c>anchor</c> may be omitted: then the clock starts now.
    /// </summary>
    /// <exception cref="FormatException">The spec is malformed; the message names the part at fault.</exception>
    public static AcceleratedTimeProvider Parse(string spec, TimeProvider? wall = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        DateTimeOffset? start = null;
        DateTimeOffset? anchor = null;
        double? speed = null;
        foreach (var part in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"{SettingName}: '{part}' is not name=value (expected start=…;anchor=…;speed=…)");
            }

            var name = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            switch (name.ToLowerInvariant())
            {
                case "start":
                    var hasZone = value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^3] == ':' && value[^6] is '+' or '-');
                    if (!hasZone || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var s))
                    {
                        throw new FormatException($"{SettingName}: start must be an ISO-8601 time with a zone, e.g. 2026-01-05T00:00:00Z (was '{value}')");
                    }

                    start = s;
                    break;
                case "anchor":
                    if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) || ms < 0 || ms > 253_402_300_799_999)
                    {
                        throw new FormatException($"{SettingName}: anchor must be a wall-clock instant in Unix milliseconds (was '{value}')");
                    }

                    anchor = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                    break;
                case "speed":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x) || x <= 0 || x > MaxSpeed)
                    {
                        throw new FormatException($"{SettingName}: speed must be a number above 0 and at most {MaxSpeed} (was '{value}')");
                    }

                    speed = x;
                    break;
                default:
                    throw new FormatException($"{SettingName}: unknown part '{name}' (expected start, anchor and speed)");
            }
        }

        if (start is null)
        {
            throw new FormatException($"{SettingName}: start is missing (expected start=…;anchor=…;speed=…)");
        }

        if (speed is null)
        {
            throw new FormatException($"{SettingName}: speed is missing (expected start=…;anchor=…;speed=…)");
        }

        return anchor is { } a ? new AcceleratedTimeProvider(start.Value, a, speed.Value, wall) : StartNow(start.Value, speed.Value, wall);
    }

    /// <summary>The clock a setting describes, or null when the setting is empty (then the caller keeps its clock).</summary>
    /// <exception cref="FormatException">The setting is malformed.</exception>
    public static AcceleratedTimeProvider? FromSetting(string? value, TimeProvider? wall = null) =>
        string.IsNullOrWhiteSpace(value) ? null : Parse(value, wall);

    /// <summary>A wall timer whose <see cref="ITimer.Change"/> takes simulated durations.</summary>
    private sealed class ScaledTimer(ITimer inner, AcceleratedTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Scale(dueTime), clock.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
