namespace PredictiveMigration.Forecasting.Models;

/// <summary>The level the global model's prediction is a (scaled) departure from.</summary>
public enum GbmAnchor
{
    /// <summary>The last value (persistence).</summary>
    Last = 0,

    /// <summary>The median of the last hour.</summary>
    RecentMedian = 1,
}
