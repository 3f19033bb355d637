using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using PredictiveMigration.Forecasting.Series;

namespace PredictiveMigration.Forecasting.Clustering;

/// <summary>
/// Groups servers by the shape of their day: ML.NET k-means (k-means++ start, seeded) on 24 hourly means of the last
/// week, z-normalised so that level and scale do not matter, only shape.
/// </summary>
public sealed class UsageClusterer(int clusters, int seed = 42)
{
    public int Clusters { get; } = clusters > 0 ? clusters : throw new ArgumentOutOfRangeException(nameof(clusters), "at least one cluster");

    /// <summary>
    /// The normalised daily profile of a series: mean by hour of day over the last (up to) 7 days, minus its mean,
    /// divided by its standard deviation; all zeros for a flat series. Hours without data take the series mean.
    /// </summary>
    public static float[] DailyProfile(PreparedSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var sums = new double[ProfileRow.Hours];
        var counts = new int[ProfileRow.Hours];
        var from = Math.Max(0, series.Length - (7 * series.StepsPerDay));
        for (var i = from; i < series.Length; i++)
        {
            if (series.Observed[i])
            {
                var hour = series.TimeAt(i).Hour;
                sums[hour] += series.Values[i];
                counts[hour]++;
            }
        }

        var total = counts.Sum();
        var mean = total == 0 ? 0 : sums.Sum() / total;
        var hourly = sums.Select((s, h) => counts[h] == 0 ? mean : s / counts[h]).ToArray();
        var m = hourly.Average();
        var sd = Math.Sqrt(hourly.Average(x => (x - m) * (x - m)));
        return hourly.Select(x => sd < 1e-9 ? 0f : (float)((x - m) / sd)).ToArray();
    }

    /// <summary>
    /// Clusters the series. Fallback when there are no more distinct profiles than clusters (fewer series than
    /// clusters, identical or all-flat profiles): ML.NET's k-means cannot start there (k-means++ needs k distinct
    /// points), so each distinct profile becomes its own centroid, in order of first appearance, and k shrinks to
    /// the number of distinct profiles (one all-zero centroid when every series is flat). That is also the exact
    /// k-means solution (zero within-cluster distance), so the fallback changes no result k-means could give.
    /// </summary>
    public UsageClusters Fit(IReadOnlyList<PreparedSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("clustering needs at least one series", nameof(series));
        }

        var rows = series.Select(s => new ProfileRow { Profile = DailyProfile(s) }).ToList();
        var distinct = new List<float[]>();
        foreach (var row in rows)
        {
            if (!distinct.Any(d => d.AsSpan().SequenceEqual(row.Profile)))
            {
                distinct.Add(row.Profile);
            }
        }

        List<float[]> dense;
        if (distinct.Count <= Clusters)
        {
            dense = distinct.Select(d => d.ToArray()).ToList();
        }
        else
        {
            var ml = new MLContext(seed);
            var data = ml.Data.LoadFromEnumerable(rows);
            var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
            {
                FeatureColumnName = nameof(ProfileRow.Profile),
                NumberOfClusters = Clusters,
                // k-means++ seeding: stable clusters from a fixed seed.
                InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
                // One thread: the assignment order, hence the result, does not depend on scheduling.
                NumberOfThreads = 1,
                // Profiles are 24 numbers; 100 Lloyd iterations converge long before the cap.
                MaximumNumberOfIterations = 100,
            });
            var model = trainer.Fit(data);
            VBuffer<float>[] centroids = [];
            model.Model.GetClusterCentroids(ref centroids, out var count);
            dense = centroids.Take(count).Select(c => c.DenseValues().ToArray()).ToList();
        }

        var clusters = new UsageClusters(dense, []);
        var assignments = rows.Select(r => clusters.Assign(r.Profile)).ToList();
        return new UsageClusters(dense, assignments);
    }
}
