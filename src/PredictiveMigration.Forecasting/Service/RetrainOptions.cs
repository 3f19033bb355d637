namespace PredictiveMigration.Forecasting.Service;

/// <summary>Settings of <c>RetrainModels</c>, bound from the <c>Retrain</c> section. Defaults documented per property.</summary>
public sealed class RetrainOptions
{
    /// <summary>History the models learn from, ending at the run. Default 14 days.</summary>
    public TimeSpan TrainingWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Tail of the window held out from training: the backtest (and the interval calibration) runs on it. Default 1 day.</summary>
    public TimeSpan Holdout { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Most servers read for training, chosen by a stable hash of their id (bounds reading time and memory). Default 500.</summary>
    public int MaxServers { get; set; } = 500;

    /// <summary>Forecast origins per server in the backtest, evenly spread so that their targets fall in the held-out tail. Default 12.</summary>
    public int BacktestOrigins { get; set; } = 12;

    /// <summary>Usage-shape clusters per resource (cold start borrows a cluster's daily shape). Default 4.</summary>
    public int Clusters { get; set; } = 4;

    /// <summary>Boosting rounds of the global model; the library default (200) unless set (tests use fewer).</summary>
    public int? Iterations { get; set; }

    public void Validate()
    {
        if (TrainingWindow < TimeSpan.FromDays(2) || TrainingWindow > TimeSpan.FromDays(60))
        {
            throw new InvalidOperationException($"Retrain:TrainingWindow must be between 2 and 60 days (was {TrainingWindow}).");
        }

        if (Holdout < TimeSpan.FromHours(1) || Holdout >= TrainingWindow - TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException($"Retrain:Holdout must be at least 1 hour and leave at least a day of training (was {Holdout}).");
        }

        if (MaxServers is < 1 or > 100_000)
        {
            throw new InvalidOperationException($"Retrain:MaxServers must be from 1 to 100000 (was {MaxServers}).");
        }

        if (BacktestOrigins is < 1 or > 288)
        {
            throw new InvalidOperationException($"Retrain:BacktestOrigins must be from 1 to 288 (was {BacktestOrigins}).");
        }

        if (Clusters is < 1 or > 64)
        {
            throw new InvalidOperationException($"Retrain:Clusters must be from 1 to 64 (was {Clusters}).");
        }

        if (Iterations is < 1 or > 5000)
        {
            throw new InvalidOperationException($"Retrain:Iterations must be from 1 to 5000 (was {Iterations}).");
        }
    }
}
