namespace PredictiveMigration.Forecasting.Models;

/// <summary>The global model's output column.</summary>
internal sealed class GbmPrediction
{
    public float Score { get; set; }
}
