using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PredictiveMigration.Agent.Configuration;
using PredictiveMigration.Agent.Sampling;
using PredictiveMigration.Agent.Tests.Infrastructure;

namespace PredictiveMigration.Agent.Tests.Sampling;

public sealed class ProcSamplerTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly FakeProc _proc = new();
    private readonly ManualTimeProvider _time = new(Events.Epoch);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _proc.Dispose();

    private ProcSampler NewSampler() =>
        new(Options.Create(new AgentOptions { ProcRoot = _proc.Root }), _time, NullLogger<ProcSampler>.Instance);

    private static string Disks(ulong reads, ulong sectorsRead, ulong writes, ulong sectorsWritten) =>
        FakeProc.DiskLine(8, 0, "sda", reads, sectorsRead, writes, sectorsWritten);

    private static string Net(ulong rx, ulong tx) => FakeProc.NetHeader + FakeProc.NetLine("eth0", rx, tx);

    /// <summary>Writes a baseline, primes the sampler, advances the clock and writes the second reading.</summary>
    private async Task<ResourceSample?> TwoSamplesAsync(
        (string Stat, string Meminfo, string Disk, string Net) first,
        (string Stat, string Meminfo, string Disk, string Net) second,
        CancellationToken cancellationToken)
    {
        var sampler = NewSampler();
        await _proc.WriteAllAsync(first.Stat, first.Meminfo, first.Disk, first.Net, cancellationToken);
        var primed = await sampler.SampleAsync(cancellationToken);
        Assert.Null(primed);
        _time.Advance(Interval);
        await _proc.WriteAllAsync(second.Stat, second.Meminfo, second.Disk, second.Net, cancellationToken);
        return await sampler.SampleAsync(cancellationToken);
    }

    [Fact(Timeout = 10_000)]
    public async Task SampleAsync_FirstCall_OnlyPrimesAndReturnsNull()
    {
        // Arrange
        var sampler = NewSampler();
        await _proc.WriteAllAsync(FakeProc.Stat(100, 100, 800, 0), FakeProc.Meminfo(1000, 400), Disks(1, 1, 1, 1), Net(1, 1), _ct);

        // Act
        var sample = await sampler.SampleAsync(_ct);

        // Assert
        Assert.Null(sample);
    }

    [Fact(Timeout = 10_000)]
    public async Task SampleAsync_TwoStatReadings_CpuPercentIsBusyShareOfTheDelta()
    {
        // Arrange: between readings 1000 jiffies pass: user +150, system +50, idle +700, iowait +100.
        // Busy = total - idle - iowait = 200 of 1000 = 20 %.
        var memory = FakeProc.Meminfo(1000, 400);
        var first = (FakeProc.Stat(1000, 500, 8000, 500, cores: 4), memory, Disks(0, 0, 0, 0), Net(0, 0));
        var second = (FakeProc.Stat(1150, 550, 8700, 600, cores: 4), memory, Disks(0, 0, 0, 0), Net(0, 0));

        // Act
        var sample = await TwoSamplesAsync(first, second, _ct);

        // Assert
        Assert.NotNull(sample);
        Assert.Equal(20.0, sample.CpuPercent, precision: 6);
        Assert.Equal(4, sample.CpuCores);
    }

    [Fact(Timeout = 10_000)]
    public async Task SampleAsync_StatCounterReset_CpuPercentIsZeroNotNegative()
    {
        // Arrange: the second reading is smaller than the first (a reset), which must not give a negative share.
        var memory = FakeProc.Meminfo(1000, 400);
        var first = (FakeProc.Stat(5000, 5000, 5000, 0), memory, Disks(0, 0, 0, 0), Net(0, 0));
        var second = (FakeProc.Stat(10, 10, 10, 0), memory, Disks(0, 0, 0, 0), Net(0, 0));

        // Act
        var sample = await TwoSamplesAsync(first, second, _ct);

        // Assert
        Assert.NotNull(sample);
        Assert.Equal(0, sample.CpuPercent);
    }

    [Fact(Timeout = 10_000)]
    public async Task SampleAsync_Meminfo_UsedIsTotalMinusAvailableInBytes()
    {
        // Arrange
        var stat = FakeProc.Stat(100, 100, 800, 0);
        var first = (stat, FakeProc.Meminfo(16_000_000, 10_000_000), Disks(0, 0, 0, 0), Net(0, 0));
        var second = (stat, FakeProc.Meminfo(16_000_000, 12_000_000), Disks(0, 0, 0, 0), Net(0, 0));

        // Act
        var sample = await TwoSamplesAsync(first, second, _ct);

        // Assert: the second reading's values, kB × 1024.
        Assert.NotNull(sample);
        Assert.Equal(16_000_000.0 * 1024, sample.MemoryTotalBytes);
        Assert.Equal(4_000_000.0 * 1024, sample.MemoryUsedBytes);
    }

    [Fact(Timeout = 10_000)]
    public async Task SampleAsync_DiskDeltas_BytesAreSectorsTimes512AndIopsAreCompletedPerSecond()
    {
        // Arrange: over 10 s, sda reads 100 I/Os and 2000 sectors, writes 50 I/Os and 4000 sectors; vda adds the same.
        var stat = FakeProc.Stat(100, 100, 800, 0);
        var memory = FakeProc.Meminfo(1000, 400);
        var firstDisks = FakeProc.DiskLine(8, 0, "sda", 1000, 50_000, 500, 90_000) + FakeProc.DiskLine(252, 0, "vda", 0, 0, 0, 0);
        var secondDisks = FakeProc.DiskLine(8, 0, "sda", 1100, 52_000, 550, 94_000) + FakeProc.DiskLine(252, 0, "vda", 100, 2000, 50, 4000);

        // Act
        var sample = await TwoSamplesAsync((stat, memory, firstDisks, Net(0, 0)), (stat, memory, secondDisks, Net(0, 0)), _ct);

        // Assert
        Assert.NotNull(sample);
        Assert.Equal(2 * 2000 * 512 / 10.0, sample.DiskReadBytesPerSec, precision: 6);
        Assert.Equal(2 * 4000 * 512 / 10.0, sample.DiskWriteBytesPerSec, precision: 6);
        Assert.Equal(2 * 100 / 10.0, sample.DiskReadIops, precision: 6);
        Assert.Equal(2 * 50 / 10.0, sample.DiskWriteIops, precision: 6);
    }

    [Fact(Timeout = 10_000)]
    public async Task SampleAsync_DiskCounterReset_ThatDiskCountsZeroForTheInterval()
    {
        // Arrange: sda's counters drop (reset), nvme0n1 grows normally.
        var stat = FakeProc.Stat(100, 100, 800, 0);
        var memory = FakeProc.Meminfo(1000, 400);
        var firstDisks = FakeProc.DiskLine(8, 0, "sda", 9000, 900_000, 9000, 900_000) + FakeProc.DiskLine(259, 0, "nvme0n1", 0, 0, 0, 0);
        var secondDisks = FakeProc.DiskLine(8, 0, "sda", 10, 100, 10, 100) + FakeProc.DiskLine(259, 0, "nvme0n1", 10, 20, 30, 40);

        // Act
        var sample = await TwoSamplesAsync((stat, memory, firstDisks, Net(0, 0)), (stat, memory, secondDisks, Net(0, 0)), _ct);

        // Assert: only nvme0n1's growth, never negative.
        Assert.NotNull(sample);
        Assert.Equal(20 * 512 / 10.0, sample.DiskReadBytesPerSec, precision: 6);
        Assert.Equal(40 * 512 / 10.0, sample.DiskWriteBytesPerSec, precision: 6);
        Assert.Equal(1.0, sample.DiskReadIops, precision: 6);
        Assert.Equal(3.0, sample.DiskWriteIops, precision: 6);
    }

    [Fact(Timeout = 10_000)]
    public async Task SampleAsync_PartitionsAndVirtualDevicesGrow_OnlyWholeDisksCount()
    {
        // Arrange: everything grows by 1000 sectors read, but only sda and nvme0n1 are whole physical disks.
        var stat = FakeProc.Stat(100, 100, 800, 0);
        var memory = FakeProc.Meminfo(1000, 400);
        static string Lines(ulong sectors) =>
            FakeProc.DiskLine(7, 0, "loop0", 0, sectors, 0, 0)
            + FakeProc.DiskLine(1, 0, "ram0", 0, sectors, 0, 0)
            + FakeProc.DiskLine(251, 0, "zram0", 0, sectors, 0, 0)
            + FakeProc.DiskLine(8, 0, "sda", 0, sectors, 0, 0)
            + FakeProc.DiskLine(8, 1, "sda1", 0, sectors, 0, 0)
            + FakeProc.DiskLine(259, 0, "nvme0n1", 0, sectors, 0, 0)
            + FakeProc.DiskLine(259, 1, "nvme0n1p1", 0, sectors, 0, 0)
            + FakeProc.DiskLine(253, 0, "dm-0", 0, sectors, 0, 0);

        // Act
        var sample = await TwoSamplesAsync((stat, memory, Lines(0), Net(0, 0)), (stat, memory, Lines(1000), Net(0, 0)), _ct);

        // Assert
        Assert.NotNull(sample);
        Assert.Equal(2 * 1000 * 512 / 10.0, sample.DiskReadBytesPerSec, precision: 6);
    }

    [Fact(Timeout = 10_000)]
    public async Task SampleAsync_NetDev_SumsInterfacesExceptLoopback()
    {
        // Arrange: lo moves far more than the real interfaces, and must not count.
        var stat = FakeProc.Stat(100, 100, 800, 0);
        var memory = FakeProc.Meminfo(1000, 400);
        var disks = Disks(0, 0, 0, 0);
        var first = FakeProc.NetHeader + FakeProc.NetLine("lo", 0, 0) + FakeProc.NetLine("eth0", 1000, 2000) + FakeProc.NetLine("wlan0", 0, 0);
        var second = FakeProc.NetHeader + FakeProc.NetLine("lo", 9_000_000, 9_000_000) + FakeProc.NetLine("eth0", 11_000, 7000) + FakeProc.NetLine("wlan0", 500, 1000);

        // Act
        var sample = await TwoSamplesAsync((stat, memory, disks, first), (stat, memory, disks, second), _ct);

        // Assert
        Assert.NotNull(sample);
        Assert.Equal((10_000 + 500) / 10.0, sample.NetRxBytesPerSec, precision: 6);
        Assert.Equal((5000 + 1000) / 10.0, sample.NetTxBytesPerSec, precision: 6);
    }

    [Fact(Timeout = 10_000)]
    public async Task SampleAsync_NetCounterReset_GivesZeroForThatInterval()
    {
        // Arrange
        var stat = FakeProc.Stat(100, 100, 800, 0);
        var memory = FakeProc.Meminfo(1000, 400);
        var disks = Disks(0, 0, 0, 0);

        // Act
        var sample = await TwoSamplesAsync((stat, memory, disks, Net(5_000_000, 5_000_000)), (stat, memory, disks, Net(100, 200)), _ct);

        // Assert
        Assert.NotNull(sample);
        Assert.Equal(0, sample.NetRxBytesPerSec);
        Assert.Equal(0, sample.NetTxBytesPerSec);
    }

    [Fact(Timeout = 10_000)]
    public async Task SampleAsync_FileMissing_ReturnsNullAndKeepsTheBaseline()
    {
        // Arrange: prime, then lose meminfo for one interval, then restore it.
        var sampler = NewSampler();
        var memory = FakeProc.Meminfo(1000, 400);
        await _proc.WriteAllAsync(FakeProc.Stat(0, 0, 0, 0), memory, Disks(0, 0, 0, 0), Net(0, 0), _ct);
        await sampler.SampleAsync(_ct);
        File.Delete(Path.Combine(_proc.Root, "meminfo"));
        _time.Advance(Interval);

        // Act
        var missing = await sampler.SampleAsync(_ct);
        _time.Advance(Interval);
        await _proc.WriteAllAsync(FakeProc.Stat(0, 0, 0, 0), memory, Disks(0, 0, 0, 0), Net(4000, 0), _ct);
        var recovered = await sampler.SampleAsync(_ct);

        // Assert: the recovered sample measures from the baseline, over 20 s.
        Assert.Null(missing);
        Assert.NotNull(recovered);
        Assert.Equal(4000 / 20.0, recovered.NetRxBytesPerSec, precision: 6);
    }
}
