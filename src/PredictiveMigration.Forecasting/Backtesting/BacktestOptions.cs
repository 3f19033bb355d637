using PredictiveMigration.Forecasting.Models;

namespace PredictiveMigration.Forecasting.Backtesting;

/// <summary>Rolling-origin backtest settings. Each series is split in time: train | calibration | test.</summary>
public sealed record BacktestOptions
{
    /// <summary>Forecast steps 1..HorizonSteps are scored at every origin (12 = one hour on a 5-minute grid).</summary>
    public int HorizonSteps { get; init; } = 12;

    /// <summary>Nominal interval levels.</summary>
    public IReadOnlyList<double> Levels { get; init; } = [0.8, 0.9, 0.95];

    /// <summary>Minimum warning time for an exhaustion alert to count towards recall, in steps (6 = 30 minutes).</summary>
    public int LeadSteps { get; init; } = 6;

    /// <summary>Share of each series used to fit the models (the global model trains on every series' part).</summary>
    public double TrainFraction { get; init; } = 0.6;

    /// <summary>Share after training used for model selection and the first conformal residuals; the rest is the reported test part.</summary>
    public double CalibrationFraction { get; init; } = 0.2;

    /// <summary>Exhaustion threshold in series units (default by metric: CPU 90 %, memory 95 %).</summary>
    public double? Threshold { get; init; }

    /// <summary>Consecutive samples at or above the threshold that make an exhaustion event (default: CPU 3, memory 1).</summary>
    public int? EventMinRun { get; init; }

    /// <summary>An alert fires when the probability of reaching the threshold within the horizon is at least this; the backtest replaces it with the value that maximises F1 on the calibration part when that part has events.</summary>
    public double AlertProbability { get; init; } = 0.5;

    /// <summary>Conformal residual window in origins (one week at 5 minutes): recent enough to follow drift, long enough for 95 % tails.</summary>
    public int ConformalWindow { get; init; } = 2016;

    /// <summary>Residual windows are rebuilt every this many origins (one hour), each time only from targets already observed.</summary>
    public int RefreshEvery { get; init; } = 12;

    /// <summary>Global model settings; null leaves the global model out.</summary>
    public GlobalModelOptions? Global { get; init; } = new();

    public static double DefaultThreshold(string metric) => metric == "memory" ? 95 : 90;

    public static int DefaultMinRun(string metric) => metric == "memory" ? 1 : 3;
}
