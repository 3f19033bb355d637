using System.Text.Json;

namespace PredictiveMigration.Cli.Tests;

public class ReplicateBenchCliTests
{
    private static readonly string[] ContractKeys = ["image_bytes", "changed_fraction", "bytes_sent", "seconds", "rsync_bytes_sent", "rsync_seconds"];

    private static bool RsyncInstalled =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "rsync")));

    [Fact(Timeout = 120_000)]
    public async Task BenchReplicateJson_TinyImage_LastLineHasTheContractKeysAndMatchingTargets()
    {
        var result = await PmProcess.RunAsync(["bench", "replicate", "--size", "4MiB", "--block", "4KiB", "--changed", "0.02", "--seed", "7", "--json"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.LastLine);
        var root = doc.RootElement;
        foreach (var key in ContractKeys)
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing key {key}");
        }

        Assert.Equal(4L << 20, root.GetProperty("image_bytes").GetInt64());
        Assert.Equal(0.02, root.GetProperty("changed_fraction").GetDouble());
        Assert.Equal(20, root.GetProperty("rewritten_blocks").GetInt32()); // 2 % of 1,024 blocks
        Assert.InRange(root.GetProperty("changed_blocks").GetInt32(), 1, 20);
        var sent = root.GetProperty("bytes_sent").GetInt64();
        Assert.InRange(sent, 1, 20 * 4096 + 4096); // never more than the changed blocks plus framing
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        Assert.True(root.GetProperty("target_matches").GetBoolean());
        if (RsyncInstalled)
        {
            Assert.True(root.GetProperty("rsync_bytes_sent").GetInt64() > 0);
            Assert.True(root.GetProperty("rsync_seconds").GetDouble() > 0);
            Assert.True(root.GetProperty("rsync_target_matches").GetBoolean());
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, root.GetProperty("rsync_bytes_sent").ValueKind);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task BenchReplicate_RsyncNotOnPath_SaysSoAndReportsNullRsyncFields()
    {
        var emptyPath = Path.Combine(Path.GetTempPath(), "pm-empty-path-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(emptyPath);
        try
        {
            var result = await PmProcess.RunAsync(
                ["bench", "replicate", "--size", "1MiB", "--block", "4KiB", "--json"],
                new Dictionary<string, string> { ["PATH"] = emptyPath });

            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Contains("rsync is not installed", result.Stderr, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(result.LastLine);
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("rsync_bytes_sent").ValueKind);
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("rsync_seconds").ValueKind);
            Assert.True(doc.RootElement.GetProperty("target_matches").GetBoolean());
        }
        finally
        {
            Directory.Delete(emptyPath);
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData(new[] { "bench", "replicate", "--size", "lots" }, "--size must be a size like")]
    [InlineData(new[] { "bench", "replicate", "--block", "5000" }, "--block must be a multiple of 4KiB")]
    [InlineData(new[] { "bench", "replicate", "--changed", "2" }, "--changed must be a fraction")]
    [InlineData(new[] { "bench", "replicate", "--bogus", "1" }, "unknown option: --bogus")]
    public async Task BenchReplicate_BadArguments_NameTheProblemAndExit2(string[] args, string expected)
    {
        var result = await PmProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }
}
