namespace PredictiveMigration.Forecasting.Backtesting;

/// <summary>Backtest detail of one series.</summary>
public sealed record SeriesBacktest(
    string Id,
    int Points,
    int TestTargets,
    int SeasonalPeriod,
    string AutoChoice,
    IReadOnlyDictionary<string, ModelScores> Models,
    ExhaustionScores Exhaustion,
    ChartTrace Chart);
