namespace PredictiveMigration.Forecasting.Anomaly;

/// <summary>Scores (0..1, NaN before warm-up or at gaps) and alert indexes of one series, each judged only from the past.</summary>
public sealed record AnomalyResult(double[] Scores, IReadOnlyList<int> Alerts);
