using PredictiveMigration.Domain.Connectors;

namespace PredictiveMigration.Domain.Tests.Connectors;

public class TransferRateModelTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private const long Gb = ConnectorScenario.Gb;

    /// <summary>The synthetic truth: 40 MB/s below 10 GB, 120 MB/s from 10 to 100 GB; half speed during business hours (9-17).</summary>
    private static double TrueRate(long bytes, int hour) => (bytes < 10 * Gb ? 40 : 120) * (hour is >= 9 and < 17 ? 0.5 : 1);

    private static List<MigrationObservation> Synthetic(int perCell, int seed = 7)
    {
        var random = new Random(seed);
        var history = new List<MigrationObservation>();
        for (var day = 0; day < perCell; day++)
        {
            for (var hour = 0; hour < 24; hour++)
            {
                foreach (var bytes in new[] { 5 * Gb, 50 * Gb })
                {
                    // Log-normal noise, sigma 0.25: a skewed spread as real transfers show.
                    var noise = Math.Exp(0.25 * Gaussian(random));
                    var rate = TrueRate(bytes, hour) * noise;
                    var start = Monday.AddDays(-7 * (day + 1)).AddHours(hour);
                    history.Add(new MigrationObservation($"m-{day}-{hour}-{bytes}", "westeurope", start, bytes, TimeSpan.FromSeconds(bytes / 1e6 / rate), Succeeded: true));
                }
            }
        }

        return history;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Theory]
    [InlineData(5L, 3)]
    [InlineData(5L, 12)]
    [InlineData(50L, 3)]
    [InlineData(50L, 12)]
    public void Learn_SyntheticRatesBySizeAndHour_RecoversTheMedianWithinTenPercent(long gb, int hour)
    {
        var model = TransferRateModel.Learn(Synthetic(perCell: 40));

        var estimate = model.Estimate(gb * Gb, Monday.AddHours(hour));

        var truth = TrueRate(gb * Gb, hour);
        Assert.InRange(estimate.MedianMBps, truth * 0.9, truth * 1.1);
        Assert.True(estimate.LowMBps < estimate.MedianMBps && estimate.MedianMBps < estimate.HighMBps);
        Assert.Equal(40, estimate.Samples);
    }

    [Fact]
    public void Learn_ThinCell_IsShrunkTowardsItsSizeBand()
    {
        // 100 MB/s at every hour but 03:00, where a single transfer ran at 10 MB/s.
        var history = Enumerable.Range(0, 24).Where(h => h != 3)
            .SelectMany(h => Enumerable.Range(0, 20).Select(d => new MigrationObservation($"m{h}-{d}", "we", Monday.AddDays(-d - 1).AddHours(h), 50 * Gb, TimeSpan.FromSeconds(500), true)))
            .Append(new MigrationObservation("slow", "we", Monday.AddDays(-1).AddHours(3), 50 * Gb, TimeSpan.FromSeconds(5000), true))
            .ToList();

        var estimate = TransferRateModel.Learn(history).Estimate(50 * Gb, Monday.AddDays(7).AddHours(3));

        // In log space the cell weighs 1/(1+5) of itself and 5/6 of its band (≈100 MB/s): 10^(1/6 + 5/6·2) ≈ 68 MB/s.
        Assert.InRange(estimate.MedianMBps, 65, 71);
        Assert.Equal(1, estimate.Samples);
        Assert.Contains("1 samples", estimate.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Learn_EmptyHistory_UsesTheConfiguredDefault()
    {
        var estimate = TransferRateModel.Learn([]).Estimate(20 * Gb, Monday);

        Assert.Equal((25, 50, 75), (Math.Round(estimate.LowMBps, 6), Math.Round(estimate.MedianMBps, 6), Math.Round(estimate.HighMBps, 6)));
        Assert.Equal(TimeSpan.FromSeconds(400), estimate.ExpectedDuration(20 * Gb));
    }

    [Fact]
    public void Learn_FailedTransfers_RaiseTheUpperDurationNotTheRate()
    {
        var ok = Enumerable.Range(0, 30).Select(i => new MigrationObservation($"ok{i}", "we", Monday.AddHours(-i), 50 * Gb, TimeSpan.FromSeconds(500), true)).ToList();
        var failed = Enumerable.Range(0, 30).Select(i => new MigrationObservation($"f{i}", "we", Monday.AddHours(-i), 50 * Gb, TimeSpan.FromSeconds(50), false));

        var clean = TransferRateModel.Learn(ok).Estimate(50 * Gb, Monday);
        var flaky = TransferRateModel.Learn(ok.Concat(failed)).Estimate(50 * Gb, Monday);

        Assert.Equal(clean.MedianMBps, flaky.MedianMBps, 6);
        Assert.Equal(0.5, flaky.FailureRate, 6);
        Assert.True(flaky.UpperDuration(50 * Gb) > clean.UpperDuration(50 * Gb) * 1.4);
    }

    [Fact]
    public void Learn_SlowerWeekends_ShiftTheWeekendEstimate()
    {
        var history = Enumerable.Range(0, 12 * 7 * 24).Select(i =>
        {
            var start = Monday.AddDays(-84).AddHours(i);
            var weekend = start.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            return new MigrationObservation($"m{i}", "we", start, 50 * Gb, TimeSpan.FromSeconds(weekend ? 1000 : 500), true);
        }).ToList();
        var model = TransferRateModel.Learn(history);

        var saturday = model.Estimate(50 * Gb, Monday.AddDays(5).AddHours(10));
        var tuesday = model.Estimate(50 * Gb, Monday.AddDays(1).AddHours(10));

        Assert.InRange(tuesday.MedianMBps, 90, 110);
        Assert.InRange(saturday.MedianMBps, 45, 60);
    }

    [Fact]
    public void Options_BadQuantile_FailsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => TransferRateModel.Learn([], new TransferRateOptions { LowQuantile = 0.7 }));

        Assert.Equal("LowQuantile", ex.ParamName);
    }
}
