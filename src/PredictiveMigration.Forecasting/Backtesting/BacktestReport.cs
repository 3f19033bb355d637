using PredictiveMigration.Forecasting.Models;

namespace PredictiveMigration.Forecasting.Backtesting;

/// <summary>Overall and per-series results of a rolling-origin backtest.</summary>
public sealed record BacktestReport(
    string Metric,
    int HorizonSteps,
    TimeSpan Step,
    string Selected,
    IReadOnlyDictionary<string, ModelScores> Models,
    IReadOnlyDictionary<string, double> CalibrationMae,
    ExhaustionScores Exhaustion,
    IReadOnlyList<SeriesBacktest> Series,
    IReadOnlyList<string> Skipped,
    string? GlobalModelVersion,
    double TrainingSeconds)
{
    /// <summary>The global model trained on the train parts (null with <c>Global = null</c>), for saving through <c>IModelStore</c>.</summary>
    public GlobalGbmModel? GlobalModel { get; init; }

    /// <summary>Latest training end over the series (the end of the training window).</summary>
    public DateTimeOffset TrainedTo { get; init; }

    /// <summary>Earliest series start (the start of the training window).</summary>
    public DateTimeOffset TrainedFrom { get; init; }
}
