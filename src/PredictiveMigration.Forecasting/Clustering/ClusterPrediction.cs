using Microsoft.ML.Data;

namespace PredictiveMigration.Forecasting.Clustering;

/// <summary>k-means output: the 1-based cluster id.</summary>
internal sealed class ClusterPrediction
{
    [ColumnName("PredictedLabel")]
    public uint Cluster { get; set; }
}
