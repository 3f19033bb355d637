using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Tests.Series;

public class TraceReaderTests
{
    private const string BitbrainsHeader = "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\tCPU usage [%];\tMemory capacity provisioned [KB];\tMemory usage [KB];\tDisk read throughput [KB/s];\tDisk write throughput [KB/s];\tNetwork received throughput [KB/s];\tNetwork transmitted throughput [KB/s]";

    private static string Bitbrains(params string[] rows) => BitbrainsHeader + "\n" + string.Join("\n", rows) + "\n";

    [Fact]
    public void ReadBitbrains_TimestampInSeconds_PutsSamplesFiveMinutesApart()
    {
        var text = Bitbrains("1375308176;\t4;\t10400;\t187;\t1.8;\t1000;\t500;\t0;\t1;\t2;\t3", "1375308476;\t4;\t10400;\t187;\t2.8;\t1000;\t600;\t0;\t1;\t2;\t3");

        var series = TraceReader.ReadBitbrains(new StringReader(text), "vm", "cpu", SeriesGrid.DefaultStep);

        Assert.Equal(2, series.Length);
        Assert.Equal([1.8, 2.8], series.Values);
        Assert.Equal(2013, series.Start.Year);
    }

    [Fact]
    public void ReadBitbrains_MemoryAboveProvisioned_IsUtilisationCappedAt100()
    {
        var text = Bitbrains("1375308176;\t4;\t10400;\t187;\t1.8;\t1000;\t500;\t0;\t1;\t2;\t3", "1375308476;\t4;\t10400;\t187;\t2.8;\t2000;\t4000;\t0;\t1;\t2;\t3");

        var series = TraceReader.ReadBitbrains(new StringReader(text), "vm", "memory", SeriesGrid.DefaultStep);

        Assert.Equal([50.0, 100.0], series.Values);
        Assert.Equal(1, series.Artefacts.Capped);
        Assert.Equal(1, series.Artefacts.CapacityChanges);
    }

    [Fact]
    public void ReadBitbrains_UnknownMetric_NamesTheChoices()
    {
        var ex = Assert.Throws<ArgumentException>(() => TraceReader.ReadBitbrains(new StringReader(Bitbrains()), "vm", "gpu", SeriesGrid.DefaultStep));

        Assert.Contains("cpu, memory, disk or network", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_NamedColumns_PicksTheMetricColumn()
    {
        const string text = "timestamp,cpu,memory\n2026-01-01T00:00:00Z,10,70\n2026-01-01T00:05:00Z,20,80\n";

        var series = TraceReader.ReadCsv(new StringReader(text), "f", "memory", SeriesGrid.DefaultStep);

        Assert.Equal([70.0, 80.0], series.Values);
    }

    [Fact]
    public void ReadCsv_NabLayout_ParsesSpaceSeparatedTimestamps()
    {
        const string text = "timestamp,value\n2014-02-14 14:30:00,0.132\n2014-02-14 14:35:00,0.134\n";

        var series = TraceReader.ReadCsv(new StringReader(text), "f", "value", SeriesGrid.DefaultStep);

        Assert.Equal(new DateTimeOffset(2014, 2, 14, 14, 30, 0, TimeSpan.Zero), series.Start);
        Assert.Equal(0.134, series.Values[1], 6);
    }

    [Fact]
    public void ReadCsv_MissingColumn_ListsTheColumns()
    {
        const string text = "timestamp,cpu,memory\n2026-01-01T00:00:00Z,10,70\n";

        var ex = Assert.Throws<ArgumentException>(() => TraceReader.ReadCsv(new StringReader(text), "f", "disk", SeriesGrid.DefaultStep));

        Assert.Contains("cpu, memory", ex.Message, StringComparison.Ordinal);
    }
}
