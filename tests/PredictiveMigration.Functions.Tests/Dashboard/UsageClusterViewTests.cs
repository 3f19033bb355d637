using PredictiveMigration.Domain.Metrics;
using PredictiveMigration.Domain.Metrics.Query;
using PredictiveMigration.Domain.Metrics.Rollups;
using PredictiveMigration.Functions.Dashboard;

namespace PredictiveMigration.Functions.Tests.Dashboard;

/// <summary>How the dashboard places a server among the model's CPU usage shapes.</summary>
public class UsageClusterViewTests
{
    private static readonly DateTimeOffset From = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nearest_ServerPeakingInTheAfternoon_GoesToTheAfternoonShapeNotTheNightOne()
    {
        // Arrange: a night-batch shape (peak 02:00) and an office-hours shape (peak 14:00), as z-scores per hour.
        float[] night = Shape(peak: 2);
        float[] office = Shape(peak: 14);
        var hourly = Hourly(days: 3, h => 20 + (40 * Math.Exp(-Math.Pow(h - 15, 2) / 8)));

        // Act
        var profile = UsageClusterView.Profile(From, hourly);
        var nearest = UsageClusterView.Nearest(profile, [night, office]);

        // Assert
        Assert.Equal(24, profile.Length);
        Assert.Equal(15, Array.IndexOf(profile, profile.Max()));
        Assert.Equal(1, nearest);
    }

    [Fact]
    public void Profile_GapsAreLeftOutAndAFlatServerIsAllZeros()
    {
        // Arrange: a constant 30 % with every third hour missing.
        var hourly = Hourly(days: 2, _ => 30, gapEvery: 3);

        // Act
        var profile = UsageClusterView.Profile(From, hourly);

        // Assert
        Assert.All(profile, v => Assert.Equal(0f, v));
        Assert.Equal(-1, UsageClusterView.Nearest(profile, []));
    }

    private static float[] Shape(int peak) =>
        [.. Enumerable.Range(0, 24).Select(h => h == peak ? 3f : -3f / 23)];

    private static MetricSeries Hourly(int days, Func<int, double> cpuAtHour, int gapEvery = 0)
    {
        var points = new List<SeriesPoint>();
        for (var i = 0; i < days * 24; i++)
        {
            var stats = default(MetricStats);
            if (gapEvery == 0 || i % gapEvery != 0)
            {
                stats.Add(cpuAtHour(i % 24), From.AddHours(i).UtcTicks);
            }

            points.Add(new SeriesPoint(From.AddHours(i), stats));
        }

        return new MetricSeries("srv-1", MetricKind.CpuPercent, TimeSpan.FromHours(1), points);
    }
}
