using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;
using PredictiveMigration.Domain.Migrations;
using PredictiveMigration.Replication;

namespace PredictiveMigration.Cli.Bench;

/// <summary>
/// <c>pm bench replicate</c>: a disk image of realistic content (zero runs, log text, structured records, random
/// bytes), a full replication cycle, then a fraction of its blocks rewritten at random and a delta cycle measured
/// (bytes on the wire, wall time). In the same run rsync (<c>--no-whole-file --inplace --ignore-times</c>, through a
/// remote-shell pipe so a real sender and receiver exchange the delta) brings a copy of the old image up to date,
/// and its "Total bytes sent" and wall time are reported beside ours. Everything lives in one temporary folder that
/// is deleted afterwards.
/// </summary>
internal static partial class ReplicateBenchmark
{
    public sealed record Result(
        long ImageBytes,
        double ChangedFraction,
        int BlockBytes,
        int RewrittenBlocks,
        int ChangedBlocks,
        long FullBytesSent,
        double FullSeconds,
        long BytesSent,
        double Seconds,
        bool TargetMatches,
        string? Rsync,
        long? RsyncBytesSent,
        long? RsyncBytesReceived,
        double? RsyncSeconds,
        bool? RsyncTargetMatches);

    public static async Task<Result> RunAsync(long imageBytes, double changedFraction, int blockBytes, int seed, Action<string> progress, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "pm-bench-replicate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var source = Path.Combine(root, "source.img");
            var target = Path.Combine(root, "target.img");
            var rsyncTarget = Path.Combine(root, "rsync-target.img");
            var random = new Random(seed);
            var content = new ContentGenerator(random);

            progress(string.Create(CultureInfo.InvariantCulture, $"writing a {imageBytes:N0}-byte image"));
            using (var file = File.OpenHandle(source, FileMode.Create, FileAccess.Write))
            {
                var chunk = new byte[1 << 20];
                for (long at = 0; at < imageBytes; at += chunk.Length)
                {
                    var span = chunk.AsSpan(0, (int)Math.Min(chunk.Length, imageBytes - at));
                    content.Fill(span);
                    RandomAccess.Write(file, (ReadOnlySpan<byte>)span, at);
                }
            }

            var options = new ReplicationOptions { StateDirectory = Path.Combine(root, "state"), BlockSize = blockBytes }.Validate();
            var service = new FileReplicationService(options, TimeProvider.System);
            progress("cycle 0: full copy");
            var clock = Stopwatch.StartNew();
            var full = await service.ReplicateAsync(new ReplicationRequest("bench", source, target, 0, false), cancellationToken).ConfigureAwait(false);
            var fullSeconds = clock.Elapsed.TotalSeconds;

            var rsync = FindOnPath("rsync");
            if (rsync is not null)
            {
                File.Copy(source, rsyncTarget); // rsync's basis: the old image, as our target holds it
            }

            var blocks = (int)((imageBytes + blockBytes - 1) / blockBytes);
            var changed = Math.Max(1, (int)Math.Round(blocks * changedFraction));
            progress(string.Create(CultureInfo.InvariantCulture, $"rewriting {changed:N0} of {blocks:N0} blocks at random"));
            using (var file = File.OpenHandle(source, FileMode.Open, FileAccess.ReadWrite))
            {
                var buffer = new byte[blockBytes];
                foreach (var block in PickDistinct(random, blocks, changed))
                {
                    var offset = (long)block * blockBytes;
                    var span = buffer.AsSpan(0, (int)Math.Min(blockBytes, imageBytes - offset));
                    content.Fill(span);
                    RandomAccess.Write(file, (ReadOnlySpan<byte>)span, offset);
                }
            }

            progress("cycle 1: delta");
            clock.Restart();
            var delta = await service.ReplicateAsync(new ReplicationRequest("bench", source, target, 1, false), cancellationToken).ConfigureAwait(false);
            var seconds = clock.Elapsed.TotalSeconds;
            var matches = SameContent(source, target);

            long? rsyncSent = null, rsyncReceived = null;
            double? rsyncSeconds = null;
            bool? rsyncMatches = null;
            if (rsync is not null)
            {
                progress("rsync --no-whole-file: the same delta");
                (rsyncSent, rsyncReceived, rsyncSeconds) = await RunRsyncAsync(rsync, root, source, rsyncTarget, cancellationToken).ConfigureAwait(false);
                rsyncMatches = SameContent(source, rsyncTarget);
            }

            return new Result(
                imageBytes, changedFraction, blockBytes, changed, delta.ChangedBlocks, full.BytesSent, fullSeconds, delta.BytesSent, seconds, matches,
                rsync, rsyncSent, rsyncReceived, rsyncSeconds, rsyncMatches);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Runs rsync through a "remote shell" that just executes the server side locally: two processes and a
    /// pipe, like a transfer to another host, so the delta algorithm runs and its byte counts are real.</summary>
    private static async Task<(long Sent, long Received, double Seconds)> RunRsyncAsync(string rsync, string root, string source, string basis, CancellationToken cancellationToken)
    {
        var shell = Path.Combine(root, "local-rsh.sh");
        await File.WriteAllTextAsync(shell, "#!/bin/sh\n# rsync calls: <this> <host> rsync --server ...; drop the host and run the server here.\nshift\nexec \"$@\"\n", cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(shell, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var psi = new ProcessStartInfo(rsync) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--no-whole-file", "--inplace", "--ignore-times", "--stats", "-e", shell, source, "localhost:" + basis })
        {
            psi.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {rsync}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var output = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rsync exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
        }

        return (StatsNumber(output, "Total bytes sent"), StatsNumber(output, "Total bytes received"), seconds);
    }

    private static long StatsNumber(string stats, string label)
    {
        var match = Regex.Match(stats, Regex.Escape(label) + @":\s*([\d,\.]+)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success
            ? long.Parse(match.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"rsync --stats printed no '{label}' line:\n{stats}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static IEnumerable<int> PickDistinct(Random random, int count, int pick)
    {
        var chosen = new HashSet<int>();
        while (chosen.Count < pick)
        {
            chosen.Add(random.Next(count));
        }

        return chosen.Order();
    }

    private static bool SameContent(string a, string b)
    {
        using var fa = File.OpenHandle(a);
        using var fb = File.OpenHandle(b);
        var length = RandomAccess.GetLength(fa);
        if (length != RandomAccess.GetLength(fb))
        {
            return false;
        }

        var ba = ArrayPool<byte>.Shared.Rent(1 << 20);
        var bb = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            for (long at = 0; at < length; at += 1 << 20)
            {
                var n = (int)Math.Min(1 << 20, length - at);
                if (!Read(fa, ba.AsSpan(0, n), at).SequenceEqual(Read(fb, bb.AsSpan(0, n), at)))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(ba);
            ArrayPool<byte>.Shared.Return(bb);
        }
    }

    private static Span<byte> Read(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = RandomAccess.Read(file, buffer[done..], offset + done);
            if (n == 0)
            {
                break;
            }

            done += n;
        }

        return buffer[..done];
    }

    /// <summary>
    /// Disk-like content in runs of 4–256 KiB: 15 % zeros (unallocated space), 30 % log text (timestamps and
    /// counters vary, so it compresses ~5–10×, not infinitely), 25 % fixed-size records (half structure, half noise)
    /// and 30 % random bytes (compressed media, encrypted data: incompressible).
    /// </summary>
    private sealed class ContentGenerator(Random random)
    {
        private static readonly string[] Levels = ["INFO", "INFO", "INFO", "WARN", "DEBUG", "ERROR"];
        private static readonly string[] Paths = ["/api/orders", "/api/servers/42/metrics", "/health", "/api/migrations", "/login"];
        private int _runLeft;
        private int _kind;
        private long _counter = 1_700_000_000;

        public void Fill(Span<byte> span)
        {
            while (!span.IsEmpty)
            {
                if (_runLeft == 0)
                {
                    _runLeft = random.Next(4, 257) * 1024;
                    var roll = random.Next(100);
                    _kind = roll < 15 ? 0 : roll < 45 ? 1 : roll < 70 ? 2 : 3;
                }

                var n = Math.Min(_runLeft, span.Length);
                var part = span[..n];
                switch (_kind)
                {
                    case 0:
                        part.Clear();
                        break;
                    case 1:
                        FillText(part);
                        break;
                    case 2:
                        FillRecords(part);
                        break;
                    default:
                        random.NextBytes(part);
                        break;
                }

                _runLeft -= n;
                span = span[n..];
            }
        }

        private void FillText(Span<byte> part)
        {
            var line = new StringBuilder();
            while (!part.IsEmpty)
            {
                line.Clear();
                _counter += random.Next(1, 2000);
                line.Append(CultureInfo.InvariantCulture, $"{_counter} {Levels[random.Next(Levels.Length)]} GET {Paths[random.Next(Paths.Length)]} status=200 bytes={random.Next(100, 99999)} ms={random.Next(1, 900)}\n");
                var bytes = Encoding.ASCII.GetBytes(line.ToString());
                var n = Math.Min(bytes.Length, part.Length);
                bytes.AsSpan(0, n).CopyTo(part);
                part = part[n..];
            }
        }

        private void FillRecords(Span<byte> part)
        {
            for (var i = 0; i < part.Length; i++)
            {
                part[i] = (i % 64) switch
                {
                    < 8 => (byte)(i / 64),
                    < 16 => (byte)0,
                    < 32 => (byte)"customer-record:"[(i % 64) - 16],
                    _ => (byte)random.Next(256),
                };
            }
        }
    }
}
