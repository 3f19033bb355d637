using PredictiveMigration.Forecasting.Clustering;

namespace PredictiveMigration.Forecasting.Tests.Clustering;

public class UsageClustererTests
{
    [Fact]
    public void Fit_DayAndNightWorkloads_SeparatesThemAndPlacesANewServer()
    {
        var day = Enumerable.Range(0, 5).Select(i => Synthetic.Make(3 * Synthetic.Day, level: 20 + (10 * i), amplitude: 10 + i, noise: 1, seed: i)).ToList();
        var night = Enumerable.Range(0, 5).Select(i => Synthetic.Make(3 * Synthetic.Day, level: 20 + (10 * i), amplitude: -(10 + i), noise: 1, seed: 10 + i)).ToList();

        var clusters = new UsageClusterer(2).Fit([.. day, .. night]);

        Assert.Single(clusters.Assignments.Take(5).Distinct());
        Assert.Single(clusters.Assignments.Skip(5).Distinct());
        Assert.NotEqual(clusters.Assignments[0], clusters.Assignments[5]);
        var newcomer = Synthetic.Make(Synthetic.Day, level: 70, amplitude: -5, noise: 0.5, seed: 99);
        Assert.Equal(clusters.Assignments[5], clusters.Assign(UsageClusterer.DailyProfile(newcomer)));
    }

    [Fact]
    public void Fit_FewerSeriesThanClusters_EachDistinctProfileIsACentroid()
    {
        var day = Synthetic.Make(2 * Synthetic.Day, amplitude: 10, noise: 1, seed: 1);
        var night = Synthetic.Make(2 * Synthetic.Day, amplitude: -10, noise: 1, seed: 2);

        var clusters = new UsageClusterer(4).Fit([day, night]);

        Assert.Equal(2, clusters.Centroids.Count);
        Assert.Equal([0, 1], clusters.Assignments);
        Assert.Equal(UsageClusterer.DailyProfile(night), clusters.Centroids[1]);
    }

    [Fact]
    public void Fit_AllFlatSeries_OneZeroCentroidInsteadOfAnMlNetError()
    {
        var flat = Enumerable.Range(0, 6).Select(i => Synthetic.Make(2 * Synthetic.Day, level: 10 * i)).ToList();

        var clusters = new UsageClusterer(3).Fit(flat);

        var centroid = Assert.Single(clusters.Centroids);
        Assert.All(centroid, v => Assert.Equal(0f, v));
        Assert.All(clusters.Assignments, a => Assert.Equal(0, a));
    }

    [Fact]
    public void Fit_TwoDistinctShapesForThreeClusters_KeepsTwoCentroids()
    {
        var shapes = new[] { 1, 1, -1, 1, -1 }.Select(sign => Synthetic.Make(2 * Synthetic.Day, amplitude: 10 * sign)).ToList();

        var clusters = new UsageClusterer(3).Fit(shapes);

        Assert.Equal(2, clusters.Centroids.Count);
        Assert.Equal([0, 0, 1, 0, 1], clusters.Assignments);
    }

    [Fact]
    public void DailyProfile_FlatSeries_IsAllZeros()
    {
        var profile = UsageClusterer.DailyProfile(Synthetic.Make(Synthetic.Day));

        Assert.All(profile, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ClusterShape_NewServer_BorrowsTheClusterCurve()
    {
        var centroid = UsageClusterer.DailyProfile(Synthetic.Make(2 * Synthetic.Day, amplitude: 10));
        var young = Synthetic.Make(36, level: 50, noise: 1, seed: 3);
        var f = new double[200];

        new ClusterShapeForecaster(centroid).Fit(young, young.Length).Forecast(young.Length - 1, f);

        // The borrowed sine peaks at 06:00 (step 37 from 02:55) and bottoms at 18:00 (step 181).
        Assert.True(f[36] > f[180] + 1, $"peak {f[36]} vs trough {f[180]}");
    }
}
