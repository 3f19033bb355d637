namespace PredictiveMigration.Domain.Forecasting;

/// <summary>
/// What one forecasting run says about one server: the risk assessment (with the forecast of every resource and its
/// bands), the predicted resource profile over the longest horizon, the risk per configured horizon, and how the
/// forecast was made.
/// </summary>
/// <param name="Method">How the forecast was made: <c>model</c> (the promoted global model), <c>cluster_shape</c> (short
/// history: the cluster's daily shape), or <c>baseline</c> (no model yet: persistence for CPU, median of the last hour otherwise).</param>
/// <param name="HistoryPoints">Observed intervals of history the forecast used (the CPU series).</param>
public sealed record ServerForecast(
    RiskAssessment Assessment,
    PredictedResourceProfile? Profile,
    IReadOnlyList<HorizonRisk> Horizons,
    string Method,
    int HistoryPoints)
{
    public string ServerId => Assessment.ServerId;
}
