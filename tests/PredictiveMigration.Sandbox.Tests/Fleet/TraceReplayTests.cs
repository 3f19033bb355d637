using PredictiveMigration.Sandbox.Fleet;

namespace PredictiveMigration.Sandbox.Tests.Fleet;

public sealed class TraceReplayTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pm-traces-" + Guid.NewGuid().ToString("N"));

    public TraceReplayTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "nested"));
        // Generic CSV: 4 samples every 5 minutes, CPU 10/20/30/40 %, memory 50 %.
        File.WriteAllLines(Path.Combine(_dir, "a-web.csv"),
        [
            "timestamp,cpu,memory,network",
            "2013-08-01 00:00:00,10,50,1000",
            "2013-08-01 00:05:00,20,50,1000",
            "2013-08-01 00:10:00,30,50,1000",
            "2013-08-01 00:15:00,40,50,1000",
        ]);
        // Bitbrains: ';' + TAB separated, 2 cores, 4 GB provisioned, 1 GB used.
        File.WriteAllLines(Path.Combine(_dir, "nested", "b-vm.csv"),
        [
            "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\tCPU usage [%];\tMemory capacity provisioned [KB];\tMemory usage [KB];\tDisk read throughput [KB/s];\tDisk write throughput [KB/s];\tNetwork received throughput [KB/s];\tNetwork transmitted throughput [KB/s]",
            "1375315200;\t2;\t5000;\t2500;\t50;\t4194304;\t1048576;\t10;\t20;\t30;\t40",
            "1375315500;\t2;\t5000;\t4000;\t80;\t4194304;\t2097152;\t10;\t20;\t30;\t40",
        ]);
        File.WriteAllText(Path.Combine(_dir, "notes.csv"), "name,value\nx,1\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private FleetOptions Options(int servers) => new() { ServerCount = servers, SamplingInterval = TimeSpan.FromMinutes(5), SendInterval = TimeSpan.FromMinutes(5) };

    [Fact]
    public void LoadDirectory_ReadsBothFormatsAndSkipsOtherCsvFiles()
    {
        var traces = TraceSeries.LoadDirectory(_dir);

        Assert.Equal(["a-web", "b-vm"], traces.Select(t => t.Name));
        Assert.Equal([10, 20, 30, 40], traces[0].Cpu);
        Assert.Equal(2, traces[1].Cores);
        Assert.Equal([25, 50], traces[1].Memory);
        Assert.Equal(10 * 1024, traces[1].DiskRead[0]);
    }

    [Fact]
    public void FromTraceDirectory_ServersReplayTheTracesAndWrapAround()
    {
        var fleet = FleetSimulator.FromTraceDirectory(Options(3), _dir);
        var capacities = FixedCapacitySource.For(fleet);

        var samples = Enumerable.Range(0, 5).Select(_ => fleet.Step(capacities.Current)).ToList();

        Assert.Equal([10, 20, 30, 40, 10], samples.Select(s => s.Single(e => e.ServerId == "srv-001").CpuPercent));
        var vm = samples[0].Single(e => e.ServerId == "srv-002");
        Assert.Equal(2, vm.CpuCores);
        Assert.Equal(50, vm.CpuPercent);
        Assert.Equal(WorkloadKind.Trace, fleet.Servers[2].Kind);
        Assert.Equal(10, samples[0].Single(e => e.ServerId == "srv-003").CpuPercent); // a-web again, one day in: 1440 min mod 20 = 0
    }

    [Fact]
    public void FromTraceDirectory_ResizedServer_ShowsLowerUtilisationForTheSameWork()
    {
        var fleet = FleetSimulator.FromTraceDirectory(Options(2), _dir);
        var capacities = FixedCapacitySource.For(fleet);
        var before = fleet.Step(capacities.Current).Single(e => e.ServerId == "srv-002");

        capacities.Resize("srv-002", "Standard_D8s_v3");
        var after = fleet.Step(capacities.Current).Single(e => e.ServerId == "srv-002");

        Assert.Equal(50, before.CpuPercent);
        Assert.Equal(20, after.CpuPercent); // 80 % of 2 cores = 1.6 cores of 8
    }

    [Fact]
    public void LoadDirectory_NoTraces_FailsNamingTheOption()
    {
        var empty = Path.Combine(_dir, "empty");
        Directory.CreateDirectory(empty);

        var ex = Assert.Throws<InvalidOperationException>(() => TraceSeries.LoadDirectory(empty));

        Assert.Contains("--trace-dir", ex.Message, StringComparison.Ordinal);
    }
}
