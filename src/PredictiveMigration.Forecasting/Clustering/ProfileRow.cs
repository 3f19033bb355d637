using Microsoft.ML.Data;

namespace PredictiveMigration.Forecasting.Clustering;

/// <summary>A normalised daily usage profile (24 hourly means, z-scored) as an ML.NET row.</summary>
internal sealed class ProfileRow
{
    public const int Hours = 24;

    [VectorType(Hours)]
    public float[] Profile { get; set; } = new float[Hours];
}
