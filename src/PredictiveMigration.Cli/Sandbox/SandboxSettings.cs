using System.Globalization;
using PredictiveMigration.Domain.Common;

namespace PredictiveMigration.Cli.Sandbox;

/// <summary>
/// What <c>pm sandbox</c> was asked for: <c>[--servers 50] [--duration 3m] [--report DIR] [--trace-dir DIR] [--speed 288]
/// [--port 7071] [--seed 42] [--history 1d] [--work DIR]</c>. Every value is checked here, with a message naming the option.
/// </summary>
internal sealed record SandboxSettings
{
    public int Servers { get; init; } = 50;

    /// <summary>Wall-clock time to run; null runs until Ctrl-C.</summary>
    public TimeSpan? Duration { get; init; }

    public string? ReportDirectory { get; init; }

    public string? TraceDirectory { get; init; }

    /// <summary>Simulated seconds per real second (288: a simulated day in 5 minutes).</summary>
    public double Speed { get; init; } = AcceleratedTimeProvider.DefaultSpeed;

    public int Port { get; init; } = 7071;

    public int Seed { get; init; } = 42;

    /// <summary>
    /// Simulated history the fleet has already lived when the run starts: the agents send it first (as agents with a
    /// spool would), so the forecasts have data from the first minute.
    /// </summary>
    public TimeSpan History { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Where the run keeps its state (Azurite data, disk images, logs); emptied at start.</summary>
    public required string WorkDirectory { get; init; }

    public static SandboxSettings Parse(CommandLine line, string defaultWorkDirectory)
    {
        ArgumentNullException.ThrowIfNull(line);
        var speedText = line.String("speed");
        var speed = AcceleratedTimeProvider.DefaultSpeed;
        if (speedText is not null
            && (!double.TryParse(speedText, NumberStyles.Float, CultureInfo.InvariantCulture, out speed) || speed < 1 || speed > 100_000))
        {
            throw new UsageException($"--speed must be a number from 1 to 100000 (simulated seconds per real second; was '{speedText}')");
        }

        var trace = line.String("trace-dir");
        if (trace is not null && !Directory.Exists(trace))
        {
            throw new UsageException($"--trace-dir: no directory '{trace}'");
        }

        var duration = line.Duration("duration");
        if (duration is { } d && d < TimeSpan.FromSeconds(10))
        {
            throw new UsageException($"--duration must be at least 10s (was {d})");
        }

        var settings = new SandboxSettings
        {
            Servers = line.Int("servers", 50, 1, 2000),
            Duration = duration,
            ReportDirectory = line.String("report"),
            TraceDirectory = trace,
            Speed = speed,
            Port = line.Int("port", 7071, 0, 65535),
            Seed = line.Int("seed", 42, 0, int.MaxValue),
            History = line.Duration("history", TimeSpan.FromDays(1), TimeSpan.Zero, TimeSpan.FromDays(14)),
            WorkDirectory = line.String("work") ?? defaultWorkDirectory,
        };
        line.RejectUnknown();
        return settings;
    }
}
