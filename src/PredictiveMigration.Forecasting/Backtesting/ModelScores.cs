namespace PredictiveMigration.Forecasting.Backtesting;

/// <summary>
/// Errors of one model on test targets. <see cref="Mase"/> is the MAE relative to the naive model's MAE on the same
/// targets and <see cref="MaseSeasonal"/> relative to seasonal naive (below 1 = better than the baseline).
/// Coverage and width are keyed by level in percent ("80", "90", "95").
/// </summary>
public sealed record ModelScores(
    double Mae,
    double Smape,
    double Mase,
    double MaseSeasonal,
    IReadOnlyDictionary<string, double> Coverage,
    IReadOnlyDictionary<string, double> Width,
    double Pinball,
    long Count);
