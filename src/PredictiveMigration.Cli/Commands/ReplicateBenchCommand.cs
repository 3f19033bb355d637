using System.Globalization;
using System.Text.Json;
using PredictiveMigration.Cli.Bench;

namespace PredictiveMigration.Cli.Commands;

/// <summary>
/// <c>pm bench replicate [--size 1GiB] [--changed 0.01] [--block 64KiB] [--seed 42] [--json]</c>: the differential
/// replication engine against rsync on the same change (docs/replication.md). With --json the last line is one flat
/// JSON object with at least <c>image_bytes</c>, <c>changed_fraction</c>, <c>bytes_sent</c>, <c>seconds</c>,
/// <c>rsync_bytes_sent</c>, <c>rsync_seconds</c> (a contract other tools read; the rsync fields are null when rsync is
/// not installed: this command installs nothing).
/// </summary>
internal static class ReplicateBenchCommand
{
    public static async Task<int> RunAsync(CommandLine line, CancellationToken cancellationToken)
    {
        var size = Size(line, "size", 1L << 30, 4096, 64L << 30);
        var block = (int)Size(line, "block", 64 * 1024, 4096, 16 * 1024 * 1024);
        if (block % 4096 != 0)
        {
            throw new UsageException($"--block must be a multiple of 4KiB (was {block} bytes)");
        }

        var changed = Fraction(line, "changed", 0.01);
        var seed = line.Int("seed", 42, int.MinValue, int.MaxValue);
        var json = line.Flag("json");
        line.RejectUnknown();

        var c = CultureInfo.InvariantCulture;
        Console.Error.WriteLine(string.Create(c, $"pm bench replicate: {size:N0}-byte image, {block:N0}-byte blocks, {changed:P2} of blocks changed, seed {seed}"));
        var r = await ReplicateBenchmark.RunAsync(size, changed, block, seed, m => Console.Error.WriteLine($"  {m}"), cancellationToken).ConfigureAwait(false);
        if (r.Rsync is null)
        {
            Console.Error.WriteLine("  rsync is not installed: the comparison with rsync is skipped and its fields are null (install it, e.g. apt-get install -y rsync)");
        }

        Console.WriteLine();
        Console.WriteLine("| figure                                   | pm replicate     | rsync            |");
        Console.WriteLine("|------------------------------------------|------------------|------------------|");
        Console.WriteLine(string.Create(c, $"| delta: bytes sent                        | {r.BytesSent,16:N0} | {Opt(r.RsyncBytesSent, "N0"),16} |"));
        Console.WriteLine(string.Create(c, $"| delta: bytes received by the sender      | {0,16:N0} | {Opt(r.RsyncBytesReceived, "N0"),16} |"));
        Console.WriteLine(string.Create(c, $"| delta: wall time (s)                     | {r.Seconds,16:F3} | {Opt(r.RsyncSeconds, "F3"),16} |"));
        Console.WriteLine(string.Create(c, $"| target equals source afterwards          | {r.TargetMatches,16} | {Opt(r.RsyncTargetMatches),16} |"));
        Console.WriteLine(string.Create(c, $"| full copy: bytes sent / wall time (s)    | {r.FullBytesSent,16:N0} | {r.FullSeconds,16:F3} |"));
        Console.WriteLine(string.Create(c, $"|   image {r.ImageBytes:N0} bytes, {r.RewrittenBlocks:N0} blocks rewritten, {r.ChangedBlocks:N0} of them changed (a zero run rewritten as zeros is not a change), {r.BlockBytes:N0}-byte blocks"));
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["image_bytes"] = r.ImageBytes,
                ["changed_fraction"] = r.ChangedFraction,
                ["bytes_sent"] = r.BytesSent,
                ["seconds"] = Math.Round(r.Seconds, 4),
                ["rsync_bytes_sent"] = r.RsyncBytesSent,
                ["rsync_seconds"] = r.RsyncSeconds is { } s ? Math.Round(s, 4) : null,
                ["rsync_bytes_received"] = r.RsyncBytesReceived,
                ["block_bytes"] = r.BlockBytes,
                ["rewritten_blocks"] = r.RewrittenBlocks,
                ["changed_blocks"] = r.ChangedBlocks,
                ["full_bytes_sent"] = r.FullBytesSent,
                ["full_seconds"] = Math.Round(r.FullSeconds, 4),
                ["target_matches"] = r.TargetMatches,
                ["rsync_target_matches"] = r.RsyncTargetMatches,
            }));
        }

        return r.TargetMatches && r.RsyncTargetMatches != false ? 0 : 1;
    }

    private static string Opt<T>(T? value, string format)
        where T : struct, IFormattable => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Opt(bool? value) => value?.ToString() ?? "n/a";

    /// <summary>A byte size: a number with an optional unit B, KiB, MiB, GiB (K, M, G and KB, MB, GB are read as binary too).</summary>
    private static long Size(CommandLine line, string name, long fallback, long min, long max)
    {
        var text = line.String(name);
        if (text is null)
        {
            return fallback;
        }

        var t = text.Trim();
        var digits = t.TakeWhile(ch => char.IsAsciiDigit(ch) || ch == '.').Count();
        var unit = t[digits..].Trim().ToUpperInvariant();
        long multiplier = unit switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => 0,
        };
        if (digits == 0 || multiplier == 0 || !double.TryParse(t[..digits], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw new UsageException($"--{name} must be a size like 64KiB, 512MiB or 1GiB (was '{text}')");
        }

        var bytes = (long)Math.Round(number * multiplier);
        return bytes >= min && bytes <= max
            ? bytes
            : throw new UsageException($"--{name} must be between {min:N0} and {max:N0} bytes (was '{text}')");
    }

    private static double Fraction(CommandLine line, string name, double fallback)
    {
        var text = line.String(name);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 1
            ? value
            : throw new UsageException($"--{name} must be a fraction in (0, 1], e.g. 0.01 for 1 % (was '{text}')");
    }
}
