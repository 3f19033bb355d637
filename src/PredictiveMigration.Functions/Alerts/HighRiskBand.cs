namespace PredictiveMigration.Functions.Alerts;

/// <summary>The risk bands a server can enter, in increasing order: a move up (or to another resource) alerts.</summary>
public enum HighRiskBand
{
    /// <summary>Below the risk threshold (<c>Forecasting:RiskThreshold</c>, 70 by default).</summary>
    None = 0,

    /// <summary>At or above the risk threshold, below <see cref="Domain.Alerts.Alert.CriticalRiskScore"/>: a warning.</summary>
    High = 1,

    /// <summary>At or above <see cref="Domain.Alerts.Alert.CriticalRiskScore"/> (90) and the threshold: critical.</summary>
    Critical = 2,
}
