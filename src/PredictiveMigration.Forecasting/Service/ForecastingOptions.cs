using PredictiveMigration.Forecasting.Risk;

namespace PredictiveMigration.Forecasting.Service;

/// <summary>
/// Settings of the production forecasting pipeline (<c>RunForecasts</c>), bound from the <c>Forecasting</c> section.
/// Every default is documented here and in docs/forecasting.md; <see cref="Validate"/> names the setting at fault.
/// </summary>
public sealed class ForecastingOptions
{
    /// <summary>Horizons the forecast and the per-horizon risk cover. Default 1 h, 6 h and 24 h; the longest sets the forecast length.</summary>
    public TimeSpan[] Horizons { get; set; } = [TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24)];

    /// <summary>Grid of the series and of the forecast. Default 5 minutes (what the models are trained on).</summary>
    public TimeSpan Step { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>History read per server and run. Default 2 days: one day feeds the global model's features, the second its yesterday features.</summary>
    public TimeSpan HistoryWindow { get; set; } = TimeSpan.FromDays(2);

    /// <summary>A server is active, hence forecast, when the inventory heard from it within this window. Default 30 minutes.</summary>
    public TimeSpan ActiveWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>CPU exhaustion threshold, percent of provisioned. Default 90.</summary>
    public double CpuThreshold { get; set; } = 90;

    /// <summary>Memory exhaustion threshold, percent of provisioned. Default 95.</summary>
    public double MemoryThreshold { get; set; } = 95;

    /// <summary>Servers whose risk score is at or above this (0-100) become migration candidates. Default 70.</summary>
    public int RiskThreshold { get; set; } = 70;

    /// <summary>Servers whose history is read concurrently. Default 16: enough to hide storage latency, few enough not to be throttled.</summary>
    public int ReadParallelism { get; set; } = 16;

    /// <summary>Servers scored in one ML.NET batch (bounds the feature rows held in memory). Default 500.</summary>
    public int ScoringBatch { get; set; } = 500;

    /// <summary>Recent points the anomaly detector looks at per series (half warm-up, half scored). Default 144 (12 hours).</summary>
    public int AnomalyWindowSteps { get; set; } = 144;

    /// <summary>Weights of the risk score (docs/forecasting.md §4).</summary>
    public RiskOptions Risk { get; set; } = new();

    /// <summary>Steps of the longest horizon.</summary>
    public int MaxSteps => (int)(Horizons.Max().Ticks / Step.Ticks);

    /// <summary>Steps per hour on the grid.</summary>
    public int StepsPerHour => Math.Max(1, (int)(TimeSpan.FromHours(1).Ticks / Step.Ticks));

    public void Validate()
    {
        if (Step < TimeSpan.FromMinutes(1) || Step > TimeSpan.FromHours(1) || Step.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new InvalidOperationException($"Forecasting:Step must be a whole number of minutes from 1 minute to 1 hour (was {Step}).");
        }

        if (Horizons is null || Horizons.Length == 0 || Horizons.Any(h => h < Step || h > TimeSpan.FromDays(2) || h.Ticks % Step.Ticks != 0))
        {
            throw new InvalidOperationException($"Forecasting:Horizons must list horizons that are multiples of Forecasting:Step, up to 2 days (was {string.Join(", ", Horizons ?? [])}).");
        }

        if (HistoryWindow < TimeSpan.FromHours(1) || HistoryWindow > TimeSpan.FromDays(30))
        {
            throw new InvalidOperationException($"Forecasting:HistoryWindow must be between 1 hour and 30 days (was {HistoryWindow}).");
        }

        if (ActiveWindow < Step || ActiveWindow > TimeSpan.FromDays(7))
        {
            throw new InvalidOperationException($"Forecasting:ActiveWindow must be between one step and 7 days (was {ActiveWindow}).");
        }

        if (CpuThreshold is <= 0 or > 100 || MemoryThreshold is <= 0 or > 100)
        {
            throw new InvalidOperationException($"Forecasting:CpuThreshold and Forecasting:MemoryThreshold must be percentages in (0, 100] (were {CpuThreshold}, {MemoryThreshold}).");
        }

        if (RiskThreshold is < 1 or > 100)
        {
            throw new InvalidOperationException($"Forecasting:RiskThreshold must be from 1 to 100 (was {RiskThreshold}).");
        }

        if (ReadParallelism is < 1 or > 256)
        {
            throw new InvalidOperationException($"Forecasting:ReadParallelism must be from 1 to 256 (was {ReadParallelism}).");
        }

        if (ScoringBatch is < 1 or > 100_000)
        {
            throw new InvalidOperationException($"Forecasting:ScoringBatch must be from 1 to 100000 (was {ScoringBatch}).");
        }

        if (AnomalyWindowSteps is < 0 or > 4032)
        {
            throw new InvalidOperationException($"Forecasting:AnomalyWindowSteps must be from 0 (off) to 4032 (was {AnomalyWindowSteps}).");
        }
    }
}
