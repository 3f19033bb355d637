using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Tests.Series;

public class SeriesGridTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    [Fact]
    public void Build_DuplicateTimestamps_AveragesThemIntoOneInterval()
    {
        RawSample[] samples = [new(0, 10, double.NaN), new(0, 20, double.NaN), new(300, 30, double.NaN)];

        var series = SeriesGrid.Build("vm", "cpu", samples, Step, 100, isPercent: true);

        Assert.Equal([15.0, 30.0], series.Values);
        Assert.Equal(1, series.Artefacts.DuplicatesMerged);
    }

    [Fact]
    public void Build_Gap_ForwardFillsAndMarksUnobserved()
    {
        RawSample[] samples = [new(0, 10, double.NaN), new(900, 40, double.NaN)];

        var series = SeriesGrid.Build("vm", "cpu", samples, Step, 100, isPercent: true);

        Assert.Equal([10.0, 10.0, 10.0, 40.0], series.Values);
        Assert.Equal([true, false, false, true], series.Observed);
        Assert.Equal(2, series.Artefacts.GapsFilled);
    }

    [Fact]
    public void Build_ValueAboveCap_IsCappedAndCounted()
    {
        RawSample[] samples = [new(0, 114, double.NaN), new(300, 50, double.NaN)];

        var series = SeriesGrid.Build("vm", "cpu", samples, Step, 100, isPercent: true);

        Assert.Equal(100, series.Values[0]);
        Assert.Equal(1, series.Artefacts.Capped);
    }

    [Fact]
    public void Build_CapacityChange_IsCountedAndCarried()
    {
        RawSample[] samples = [new(0, 50, 1000), new(300, 50, 2000), new(900, 50, double.NaN)];

        var series = SeriesGrid.Build("vm", "memory", samples, Step, 100, isPercent: true);

        Assert.Equal(1, series.Artefacts.CapacityChanges);
        Assert.Equal([1000.0, 2000.0, 2000.0, 2000.0], series.Capacity!);
    }

    [Fact]
    public void Build_Empty_ThrowsClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => SeriesGrid.Build("vm", "cpu", [], Step, 100, isPercent: true));

        Assert.Contains("no finite values", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AllNaN_ThrowsClearError()
    {
        RawSample[] samples = [new(0, double.NaN, double.NaN), new(300, double.NaN, double.NaN)];

        var ex = Assert.Throws<ArgumentException>(() => SeriesGrid.Build("vm", "cpu", samples, Step, 100, isPercent: true));

        Assert.Contains("no finite values", ex.Message, StringComparison.Ordinal);
    }
}
