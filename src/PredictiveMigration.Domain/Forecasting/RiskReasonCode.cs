namespace PredictiveMigration.Domain.Forecasting;

/// <summary>Why a risk score is what it is; stable codes for dashboards and alerts.</summary>
public enum RiskReasonCode
{
    ForecastCrossesThreshold = 0,
    UpperBoundCrossesThreshold = 1,
    RisingTrend = 2,
    Anomaly = 3,
    ErrorRateRising = 4,
    LatencyDrift = 5,
    InsufficientHistory = 6,
}
