namespace PredictiveMigration.Forecasting.Anomaly;

/// <summary>Settings of the online detector, fixed a priori (documented in docs/forecasting.md), not tuned on the NAB labels.</summary>
public sealed record AnomalyOptions
{
    /// <summary>The one-step forecast is the median of this many previous points (one hour at 5 minutes).</summary>
    public int ForecastWindow { get; init; } = 12;

    /// <summary>History of residuals used for the robust scale and for ranking the current surprise (one week at 5 minutes).</summary>
    public int HistoryWindow { get; init; } = 2016;

    /// <summary>No score before this many points: the detector needs a day to learn the scale.</summary>
    public int WarmUp { get; init; } = 288;

    /// <summary>Alert when the surprise ranks above this share of the recent history…</summary>
    public double AlertScore { get; init; } = 0.995;

    /// <summary>…and is at least this many robust standard deviations (MAD x 1.4826) away.</summary>
    public double MinimumSurprise { get; init; } = 4;

    /// <summary>After an alert, stay quiet for this many points (12 hours): one incident, one alert.</summary>
    public int Refractory { get; init; } = 144;
}
