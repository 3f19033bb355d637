using Microsoft.ML.Data;

namespace PredictiveMigration.Forecasting.Models;

/// <summary>One training or scoring row of the global model (ML.NET schema; column names come from <c>nameof</c>).</summary>
internal sealed class GbmFeatureRow
{
    [VectorType(FeatureBuilder.Count)]
    public float[] Features { get; set; } = new float[FeatureBuilder.Count];

    /// <summary>Scaled, clipped change from the last value at the horizon.</summary>
    public float Label { get; set; }

    /// <summary>Example weight: 1, or 1/|residual| in the reweighted pass (see <see cref="GlobalModelOptions.ReweightedPasses"/>).</summary>
    public float Weight { get; set; } = 1;
}
