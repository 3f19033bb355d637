namespace PredictiveMigration.Forecasting.Clustering;

/// <summary>Fitted clusters of daily usage shapes: the centroid shape of each cluster and each training series' cluster (0-based).</summary>
public sealed class UsageClusters(IReadOnlyList<float[]> centroids, IReadOnlyList<int> assignments)
{
    public IReadOnlyList<float[]> Centroids { get; } = centroids;

    public IReadOnlyList<int> Assignments { get; } = assignments;

    /// <summary>The nearest centroid (Euclidean) to a normalised profile: how a new server borrows a cluster's behaviour.</summary>
    public int Assign(ReadOnlySpan<float> profile)
    {
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var c = 0; c < Centroids.Count; c++)
        {
            double d = 0;
            for (var i = 0; i < profile.Length; i++)
            {
                var x = profile[i] - Centroids[c][i];
                d += x * x;
            }

            if (d < bestDistance)
            {
                (best, bestDistance) = (c, d);
            }
        }

        return best;
    }
}
