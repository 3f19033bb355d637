using PredictiveMigration.Agent.Sampling;
using PredictiveMigration.Agent.Tests.Infrastructure;

namespace PredictiveMigration.Agent.Tests.Sampling;

public sealed class ProcParserTests : IDisposable
{
    private readonly FakeProc _proc = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _proc.Dispose();

    private async Task<string> RoundTripAsync(string relativePath, string content, CancellationToken cancellationToken)
    {
        await _proc.WriteAsync(relativePath, content, cancellationToken);
        return await File.ReadAllTextAsync(Path.Combine(_proc.Root, relativePath), cancellationToken);
    }

    [Fact(Timeout = 10_000)]
    public async Task StatParser_AggregateLine_IdleIncludesIowaitAndGuestIsNotCountedTwice()
    {
        // Arrange: user nice system idle iowait irq softirq steal guest guest_nice
        var text = await RoundTripAsync("stat", "cpu  100 10 50 800 40 5 5 10 70 0\ncpu0 100 10 50 800 40 5 5 10 70 0\n", _ct);

        // Act
        var snapshot = StatParser.Parse(text);

        // Assert: total = 100+10+50+800+40+5+5+10 (guest is inside user), idle = 800+40.
        Assert.Equal(1020UL, snapshot.Aggregate.Total);
        Assert.Equal(840UL, snapshot.Aggregate.Idle);
        Assert.Equal(180UL, snapshot.Aggregate.Busy);
        Assert.Equal(1, snapshot.Cores);
    }

    [Fact(Timeout = 10_000)]
    public async Task StatParser_CpuNLines_AreCountedAsCores()
    {
        // Arrange
        var text = await RoundTripAsync("stat", FakeProc.Stat(800, 800, 8000, 0, cores: 8), _ct);

        // Act
        var snapshot = StatParser.Parse(text);

        // Assert
        Assert.Equal(8, snapshot.Cores);
    }

    [Fact(Timeout = 10_000)]
    public async Task StatParser_NoAggregateLine_ThrowsFormatException()
    {
        // Arrange
        var text = await RoundTripAsync("stat", "intr 1 2 3\nctxt 4\n", _ct);

        // Act
        var error = Record.Exception(() => StatParser.Parse(text));

        // Assert
        Assert.IsType<FormatException>(error);
    }

    [Fact(Timeout = 10_000)]
    public async Task MeminfoParser_NoMemAvailable_FallsBackToFreePlusBuffersPlusCached()
    {
        // Arrange: an old kernel without MemAvailable.
        var text = await RoundTripAsync("meminfo", "MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 20 kB\nCached: 30 kB\n", _ct);

        // Act
        var memory = MeminfoParser.Parse(text);

        // Assert
        Assert.Equal(1000UL * 1024, memory.TotalBytes);
        Assert.Equal(150UL * 1024, memory.AvailableBytes);
        Assert.Equal(850UL * 1024, memory.UsedBytes);
    }

    [Fact(Timeout = 10_000)]
    public async Task DiskStatsParser_MixedDevices_KeepsWholeDisksOnly()
    {
        // Arrange
        var text = await RoundTripAsync("diskstats",
            FakeProc.DiskLine(7, 0, "loop0", 1, 1, 1, 1)
            + FakeProc.DiskLine(7, 1, "loop1", 1, 1, 1, 1)
            + FakeProc.DiskLine(1, 0, "ram0", 1, 1, 1, 1)
            + FakeProc.DiskLine(251, 0, "zram0", 1, 1, 1, 1)
            + FakeProc.DiskLine(8, 0, "sda", 1, 1, 1, 1)
            + FakeProc.DiskLine(8, 1, "sda1", 1, 1, 1, 1)
            + FakeProc.DiskLine(8, 2, "sda2", 1, 1, 1, 1)
            + FakeProc.DiskLine(8, 16, "sdb", 1, 1, 1, 1)
            + FakeProc.DiskLine(259, 0, "nvme0n1", 1, 1, 1, 1)
            + FakeProc.DiskLine(259, 1, "nvme0n1p1", 1, 1, 1, 1)
            + FakeProc.DiskLine(179, 0, "mmcblk0", 1, 1, 1, 1)
            + FakeProc.DiskLine(179, 1, "mmcblk0p1", 1, 1, 1, 1)
            + FakeProc.DiskLine(253, 0, "dm-0", 1, 1, 1, 1)
            + FakeProc.DiskLine(9, 0, "md0", 1, 1, 1, 1)
            + FakeProc.DiskLine(202, 0, "xvda", 1, 1, 1, 1)
            + FakeProc.DiskLine(202, 1, "xvda1", 1, 1, 1, 1), _ct);

        // Act
        var disks = DiskStatsParser.Parse(text);

        // Assert
        Assert.Equal(["mmcblk0", "nvme0n1", "sda", "sdb", "xvda"], disks.Keys.Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 10_000)]
    public async Task DiskStatsParser_Line_ReadsCompletedSectorsAndWritesFromTheRightColumns()
    {
        // Arrange: a real-format line (kernel 5.x, 17 stat fields after the name).
        var text = await RoundTripAsync("diskstats", "   8       0 sda 11 22 33 44 55 66 77 88 0 99 111 0 0 0 0 0 0\n", _ct);

        // Act
        var counters = DiskStatsParser.Parse(text)["sda"];

        // Assert
        Assert.Equal(new DiskCounters(ReadsCompleted: 11, SectorsRead: 33, WritesCompleted: 55, SectorsWritten: 77), counters);
    }

    [Fact(Timeout = 10_000)]
    public async Task NetDevParser_HeadersAndLoopback_AreSkipped()
    {
        // Arrange: the header lines, lo, and an interface without a space after the colon (old kernels with large counters).
        var text = await RoundTripAsync(Path.Combine("net", "dev"),
            FakeProc.NetHeader + FakeProc.NetLine("lo", 5, 5) + "  eth0:123 1 0 0 0 0 0 0 456 2 0 0 0 0 0 0\n" + FakeProc.NetLine("docker0", 7, 8), _ct);

        // Act
        var interfaces = NetDevParser.Parse(text);

        // Assert
        Assert.Equal(["docker0", "eth0"], interfaces.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new NetCounters(123, 456), interfaces["eth0"]);
    }

    [Theory(Timeout = 10_000)]
    [InlineData(100UL, 150UL, 50UL)]
    [InlineData(150UL, 100UL, 0UL)]
    [InlineData(ulong.MaxValue, 3UL, 0UL)]
    public async Task CounterMath_Delta_SmallerCurrentGivesZero(ulong previous, ulong current, ulong expected)
    {
        // Arrange
        await Task.Yield();

        // Act
        var delta = CounterMath.Delta(previous, current);

        // Assert
        Assert.Equal(expected, delta);
    }
}
