using System.Globalization;
using System.Text.Json;
using PredictiveMigration.Cli.Bench;

namespace PredictiveMigration.Cli.Commands;

/// <summary>
/// <c>pm bench placement [--servers 10000] [--targets 500] [--cases 300] [--json]</c>. With --json the last line is one
/// flat JSON object: <c>servers</c>, <c>targets</c>, <c>seconds</c>, <c>peak_mb</c>, <c>optimality_gap</c> (mean relative cost
/// gap to the exhaustive optimum on the small cases), plus <c>optimality_gap_max</c>, <c>unplaced_excess_cases</c>.
/// </summary>
internal static class PlacementBenchCommand
{
    public static int Run(CommandLine line)
    {
        var servers = line.Int("servers", 10_000, 1, 1_000_000);
        var targets = line.Int("targets", 500, 1, 100_000);
        var cases = line.Int("cases", 300, 1, 10_000);
        var json = line.Flag("json");
        line.RejectUnknown();

        Console.Error.WriteLine($"pm bench placement: {servers:N0} servers × {targets:N0} targets, then {cases} small cases against exhaustive search");
        var r = PlacementBenchmark.Run(servers, targets, cases, seed: 42);
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine("| figure                          | value        |");
        Console.WriteLine("|---------------------------------|--------------|");
        Console.WriteLine(string.Create(c, $"| plan time (s)                   | {r.Seconds,12:F2} |"));
        Console.WriteLine(string.Create(c, $"| peak working set (MB)           | {r.PeakMb,12:F0} |"));
        Console.WriteLine(string.Create(c, $"| unplaceable servers             | {r.Unplaced,12:N0} |"));
        Console.WriteLine(string.Create(c, $"| mean gap to optimum (small)     | {r.MeanGap,12:P2} |"));
        Console.WriteLine(string.Create(c, $"| worst gap to optimum (small)    | {r.MaxGap,12:P2} |"));
        Console.WriteLine(string.Create(c, $"| cases leaving a placeable server unplaced | {r.UnplacedExcess}/{r.SmallCases} |"));
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["servers"] = r.Servers,
                ["targets"] = r.Targets,
                ["seconds"] = Math.Round(r.Seconds, 3),
                ["peak_mb"] = Math.Round(r.PeakMb, 1),
                ["optimality_gap"] = Math.Round(r.MeanGap, 4),
                ["optimality_gap_max"] = Math.Round(r.MaxGap, 4),
                ["unplaced_excess_cases"] = r.UnplacedExcess,
                ["small_cases"] = r.SmallCases,
                ["unplaceable_servers"] = r.Unplaced,
            }));
        }

        return 0;
    }
}
