using System.Globalization;
using System.Text;

namespace PredictiveMigration.Agent.Tests.Infrastructure;

/// <summary>A fake proc root: the test writes stat, meminfo, diskstats and net/dev, and points the sampler at it.</summary>
public sealed class FakeProc : IDisposable
{
    private readonly TempDirectory _directory = new();

    public FakeProc()
    {
        Directory.CreateDirectory(_directory.Combine("net"));
    }

    public string Root => _directory.Path;

    public static string Stat(ulong user, ulong system, ulong idle, ulong iowait, int cores = 2, ulong steal = 0)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"cpu  {user} 0 {system} {idle} {iowait} 0 0 {steal} 0 0\n");
        for (var i = 0; i < cores; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"cpu{i} {user / (ulong)cores} 0 {system / (ulong)cores} {idle / (ulong)cores} 0 0 0 0 0 0\n");
        }

        text.Append("intr 12345 0 0\nctxt 999\nbtime 1700000000\nprocesses 42\nprocs_running 1\nprocs_blocked 0\n");
        return text.ToString();
    }

    public static string Meminfo(ulong totalKb, ulong availableKb) =>
        string.Create(CultureInfo.InvariantCulture, $"MemTotal:       {totalKb} kB\nMemFree:          123456 kB\nMemAvailable:   {availableKb} kB\nBuffers:           1000 kB\nCached:            2000 kB\nHugePages_Total:       0\n");

    /// <summary>A diskstats line: reads completed, sectors read, writes completed, sectors written (the rest zero).</summary>
    public static string DiskLine(int major, int minor, string name, ulong reads, ulong sectorsRead, ulong writes, ulong sectorsWritten) =>
        string.Create(CultureInfo.InvariantCulture, $"{major,4} {minor,7} {name} {reads} 0 {sectorsRead} 0 {writes} 0 {sectorsWritten} 0 0 0 0 0 0 0 0 0 0\n");

    /// <summary>A net/dev line with the given rx and tx bytes.</summary>
    public static string NetLine(string name, ulong rxBytes, ulong txBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,6}: {rxBytes} 10 0 0 0 0 0 0 {txBytes} 20 0 0 0 0 0 0\n");

    public const string NetHeader =
        "Inter-|   Receive                                                |  Transmit\n" +
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";

    public Task WriteAsync(string relativePath, string content, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(Path.Combine(Root, relativePath), content, cancellationToken);

    /// <summary>Writes all four files.</summary>
    public async Task WriteAllAsync(string stat, string meminfo, string diskstats, string netdev, CancellationToken cancellationToken)
    {
        await WriteAsync("stat", stat, cancellationToken);
        await WriteAsync("meminfo", meminfo, cancellationToken);
        await WriteAsync("diskstats", diskstats, cancellationToken);
        await WriteAsync(Path.Combine("net", "dev"), netdev, cancellationToken);
    }

    public void Dispose() => _directory.Dispose();
}
