namespace PredictiveMigration.Domain.Forecasting;

/// <summary>
/// Health evidence besides capacity: the online anomaly score of the latest points and failure precursors.
/// </summary>
/// <param name="AnomalyScore">0..1, from forecast residuals (1 = far outside anything seen recently).</param>
/// <param name="ErrorRateRatio">Recent error count per interval divided by its longer-term mean (1 = normal); null when not reported.</param>
/// <param name="LatencyDriftPercent">Change of probe latency, recent hour against the previous day, in percent; null when not reported.</param>
public sealed record HealthSignals(double AnomalyScore, double? ErrorRateRatio, double? LatencyDriftPercent)
{
    public static HealthSignals None { get; } = new(0, null, null);
}
